using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Linkage.Transport;

/// <summary>The loaded certificate (with its private key) of this process, the authority it trusts and that authority's revocations.</summary>
public sealed class TlsMaterial(X509Certificate2 certificate, CertificateTrust trust) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;
    public CertificateTrust Trust { get; } = trust;

    /// <param name="watch">Hosts watch the revocation list's folder; a short-lived client looks at the file at most once a second.</param>
    /// <remarks>
    /// An empty <see cref="TlsOptions.RevocationList"/> means none (the operator's command line beside a folder
    /// without one); hosts cannot start so, their options require it.
    /// </remarks>
    public static TlsMaterial Load(TlsOptions options, ILogger? logger = null, bool watch = false)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(options.AuthorityCertificate);
        using var pem = X509Certificate2.CreateFromPemFile(options.Certificate, options.PrivateKey);
        // A PKCS#12 round trip gives a key that SslStream can use for client authentication on every platform.
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var revocations = string.IsNullOrEmpty(options.RevocationList)
            ? RevocationList.Empty(authority)
            : RevocationList.Load(options.RevocationList, authority, logger, watch);
        return new TlsMaterial(certificate, new CertificateTrust(authority, revocations));
    }

    public void Dispose() => Trust.Revocations.Dispose();
}
