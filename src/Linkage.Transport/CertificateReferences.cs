using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Linkage.Domain.Staff;

namespace Linkage.Transport;

/// <summary>How the registry names a certificate: its SHA-256 thumbprint, with issuer, serial and subject to read.</summary>
public static class CertificateReferences
{
    public static CertificateRef From(X509Certificate2 certificate) => new(
        Thumbprint(certificate), certificate.Issuer, certificate.SerialNumber, certificate.Subject,
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));

    /// <summary>
    /// A certificate handed in for the registry, checked as a caller's would be: issued by our authority for client use,
    /// valid now, not revoked. Used by the gateway's administration and by the CLI's offline bootstrap alike.
    /// </summary>
    public static PresentedCertificate Present(X509Certificate2 certificate, CertificateTrust trust) => new(
        From(certificate), PeerIdentity.FromCertificate(certificate)?.InstitutionCode,
        trust.Verify(certificate, CertificateUsage.Client) == CertificateVerdict.Accepted);

    /// <summary>Upper-case hex of the SHA-256 of the DER encoding.</summary>
    public static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>A PEM certificate as handed in by an administrator; null when it is not one certificate in PEM.</summary>
    public static X509Certificate2? ParsePem(string pem)
    {
        try { return X509Certificate2.CreateFromPem(pem); }
        catch (CryptographicException) { return null; }
        catch (ArgumentException) { return null; }
    }
}
