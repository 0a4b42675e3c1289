using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Transport;

namespace Linkage.Gateway.Administration;

/// <summary>
/// A certificate an administrator hands in as PEM, read for the registry and checked as a caller's would be: issued by
/// our authority for client use, valid now, not revoked.
/// </summary>
public sealed class PresentedCertificates(TlsMaterial tls)
{
    public PresentedCertificate Read(string pem)
    {
        using var certificate = CertificateReferences.ParsePem(pem)
            ?? throw DomainException.InvalidField("certificate_pem", ErrorReasons.CertificateUnusable, "This is not a certificate in PEM form.");
        return CertificateReferences.Present(certificate, tls.Trust);
    }
}
