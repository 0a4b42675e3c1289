using System.Security.Cryptography.X509Certificates;

namespace Linkage.Transport;

/// <summary>
/// Trust in exactly one certificate authority, the deployment's own, never the system store; and in none of the
/// certificates it has revoked.
/// </summary>
public sealed class CertificateTrust(X509Certificate2 authority, RevocationList revocations)
{
    /// <summary>Trust without a revocation list, for material made in memory.</summary>
    public CertificateTrust(X509Certificate2 authority) : this(authority, RevocationList.Empty(authority)) { }

    public X509Certificate2 Authority { get; } = authority;

    public RevocationList Revocations { get; } = revocations;

    /// <summary>Whether the certificate chains to our authority and is valid now; says nothing of usage or revocation.</summary>
    public bool IsIssuedByAuthority(X509Certificate2 certificate)
    {
        using var chain = NewChain(ignoreTime: false);
        return chain.Build(certificate) && EndsAtAuthority(chain);
    }

    /// <summary>
    /// Whether a peer presenting this certificate for <paramref name="usage"/> is accepted: issued by our authority,
    /// valid now, carrying that usage, not revoked. Builds a chain: once per connection, not per call
    /// (per call, <see cref="IsRevoked"/> suffices).
    /// </summary>
    public CertificateVerdict Verify(X509Certificate2 certificate, CertificateUsage usage)
    {
        using var chain = NewChain(ignoreTime: true);
        if (!chain.Build(certificate) || !EndsAtAuthority(chain)) return CertificateVerdict.NotIssuedByAuthority;
        var now = DateTime.UtcNow;
        foreach (var element in chain.ChainElements)
            if (now < element.Certificate.NotBefore.ToUniversalTime() || now > element.Certificate.NotAfter.ToUniversalTime())
                return CertificateVerdict.Expired;
        if (!certificate.Allows(usage)) return CertificateVerdict.WrongUsage;
        if (IsRevoked(certificate)) return CertificateVerdict.Revoked;
        return CertificateVerdict.Accepted;
    }

    /// <summary>
    /// Whether our authority has revoked the certificate. Allocation-free and cheap enough for every call, so that a
    /// certificate revoked while its connection is open is refused from the next call on.
    /// </summary>
    public bool IsRevoked(X509Certificate2 certificate) => Revocations.Contains(certificate);

    private X509Chain NewChain(bool ignoreTime)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        // Revocation is ours to check (the list has no distribution point to fetch), after the chain.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (ignoreTime) chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain;
    }

    private bool EndsAtAuthority(X509Chain chain) => chain.ChainElements[^1].Certificate.Thumbprint == Authority.Thumbprint;
}
