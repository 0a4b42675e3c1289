using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Keys;

/// <summary>
/// Whether this node holds the institution's key-encryption key, and so can open and seal its data at rest (copies,
/// held answers' keys, pending inquiries' keys, tickets' texts). A node without it still serves what needs no key.
/// </summary>
public interface IInstitutionKeys
{
    InstitutionCode Institution { get; }

    bool Available { get; }
}

public static class InstitutionKeys
{
    /// <summary>Refuses work that would open or seal data at rest, before anything of it is written.</summary>
    public static void Require(this IInstitutionKeys keys)
    {
        if (!keys.Available) throw Unavailable(keys.Institution);
    }

    public static DomainException Unavailable(InstitutionCode institution) => new(ErrorKind.FailedPrecondition,
        ErrorReasons.InstitutionKeyUnavailable,
        $"This node does not hold the key-encryption key of institution {institution.Value}, so it cannot open or seal that " +
        "institution's data at rest; the institution must give the node its key file.");
}
