using Linkage.Domain.Staff;
using System.Security.Cryptography.X509Certificates;

namespace Linkage.Transport;

/// <summary>
/// Who is at the other end, read from its certificate: O = the 16-digit institution code, OU = the role, CN = a name
/// (a system, or a staff member's id standing for the IC card).
/// </summary>
public sealed record PeerIdentity(string InstitutionCode, string Role, string Name)
{
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";
    private const string OrganizationalUnitOid = "2.5.4.11";

    public X500DistinguishedName ToDistinguishedName() =>
        new($"CN={Name}, OU={Role}, O={InstitutionCode}");

    /// <summary>The identity, or null when the certificate lacks an institution, a known role or a name.</summary>
    public static PeerIdentity? FromCertificate(X509Certificate2 certificate)
    {
        string? name = null, role = null, institution = null;
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            var value = rdn.GetSingleElementValue();
            switch (rdn.GetSingleElementType().Value)
            {
                case CommonNameOid: name = value; break;
                case OrganizationOid: institution = value; break;
                case OrganizationalUnitOid: role = value; break;
            }
        }
        if (string.IsNullOrEmpty(name) || role is null || !Roles.All.Contains(role)
            || institution is not { Length: 16 } || !institution.All(char.IsAsciiDigit))
            return null;
        return new PeerIdentity(institution, role, name);
    }
}
