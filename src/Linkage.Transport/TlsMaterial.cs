using System.Security.Cryptography.X509Certificates;

namespace Linkage.Transport;

/// <summary>The loaded certificate (with its private key) of this process and the authority it trusts.</summary>
public sealed class TlsMaterial(X509Certificate2 certificate, CertificateTrust trust)
{
    public X509Certificate2 Certificate { get; } = certificate;
    public CertificateTrust Trust { get; } = trust;

    public static TlsMaterial Load(TlsOptions options)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(options.AuthorityCertificate);
        using var pem = X509Certificate2.CreateFromPemFile(options.Certificate, options.PrivateKey);
        // A PKCS#12 round trip gives a key that SslStream can use for client authentication on every platform.
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        return new TlsMaterial(certificate, new CertificateTrust(authority));
    }
}
