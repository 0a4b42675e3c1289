using Linkage.Domain.Codes;
using Linkage.Domain.Keys;

namespace Linkage.Domain.Tests;

/// <summary>The institution's keys as open (the node holds its key-encryption key) or not.</summary>
internal sealed class FakeInstitutionKeys(string institution, bool available = true) : IInstitutionKeys
{
    public InstitutionCode Institution { get; } = InstitutionCode.Parse(institution);

    public bool Available { get; set; } = available;
}
