using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Transport;

namespace Linkage.Gateway.Administration;

/// <summary>A certificate an administrator hands in as PEM, read and checked against our authority for the registry.</summary>
public sealed class PresentedCertificates(TlsMaterial tls)
{
    public PresentedCertificate Read(string pem)
    {
        using var certificate = CertificateReferences.ParsePem(pem)
            ?? throw DomainException.InvalidField("certificate_pem", ErrorReasons.CertificateUnusable, "This is not a certificate in PEM form.");
        return new PresentedCertificate(CertificateReferences.From(certificate),
            PeerIdentity.FromCertificate(certificate)?.InstitutionCode,
            tls.Trust.IsIssuedByAuthority(certificate));
    }
}
