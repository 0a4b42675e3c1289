using System.Security.Cryptography.X509Certificates;

namespace Linkage.Transport;

/// <summary>Trust in exactly one certificate authority: the deployment's own, never the system store.</summary>
public sealed class CertificateTrust(X509Certificate2 authority)
{
    public X509Certificate2 Authority { get; } = authority;

    public bool IsIssuedByAuthority(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate)
            && chain.ChainElements[^1].Certificate.Thumbprint == Authority.Thumbprint;
    }

    // TEMPORARY until branch tls lands (CRL): replaced by the real revocation list.
    public bool IsRevoked(X509Certificate2 certificate) => certificate is null && Authority is null;
}
