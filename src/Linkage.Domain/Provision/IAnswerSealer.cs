using Linkage.Domain.Copies;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Provision;

/// <summary>Builds the answer from the copies and encrypts it to the inquirer key named in the permit.</summary>
public interface IAnswerSealer
{
    SealedAnswer Seal(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies);
}
