using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Staff;

/// <summary>
/// Who is calling, as the registry resolved the certificate: the roles granted, the information names a staff
/// member is restricted to (empty: all), and the session when staff work in one.
/// </summary>
public sealed record Caller(CallerKind Kind, string Id, string Institution, IReadOnlySet<string> Roles,
    IReadOnlySet<string> InformationNames, string CertificateThumbprint, string? SessionId = null)
{
    /// <summary>An empty restriction means every information name.</summary>
    public bool MayActOn(InformationNameCode informationName) =>
        InformationNames.Count == 0 || InformationNames.Contains(informationName.Value);

    /// <summary>
    /// The information names a read may cover: the one asked for, if this caller may act on it (PERMISSION_DENIED
    /// otherwise), or else all this caller may see (empty: every one).
    /// </summary>
    public IReadOnlyCollection<string> InformationNamesFor(string? requested)
    {
        if (string.IsNullOrEmpty(requested)) return InformationNames;
        var code = InformationNameCode.Parse(requested);
        if (!MayActOn(code))
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.InformationNameNotAllowed,
                "This staff member may not act on this information name.");
        return [code.Value];
    }
}
