using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linkage.Transport;

/// <summary>
/// A development certificate authority: ECDSA P-256, certificates for loopback names with the peer identity in the
/// subject. Used by `make certs` (through the CLI) and by tests that make throwaway certificates in memory.
/// </summary>
public sealed class DevCertificateAuthority(X509Certificate2 authority)
{
    public X509Certificate2 Certificate { get; } = authority;

    public static DevCertificateAuthority Create(string name = "Linkage Development CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=Linkage Development", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new DevCertificateAuthority(request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(5)));
    }

    /// <summary>A certificate usable both as TLS server (for localhost) and as TLS client, carrying <paramref name="peer"/>.</summary>
    public X509Certificate2 Issue(PeerIdentity peer, TimeSpan? validity = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(peer.ToDistinguishedName(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate, now.AddMinutes(-5), now + (validity ?? TimeSpan.FromDays(825)), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public TlsMaterial MaterialFor(PeerIdentity peer) => new(Issue(peer), new CertificateTrust(Certificate));

    /// <summary>Writes the authority's certificate and private key as PEM.</summary>
    public void WriteAuthority(string certificatePath, string keyPath) => WritePem(Certificate, certificatePath, keyPath);

    public static DevCertificateAuthority Load(string certificatePath, string keyPath) =>
        new(X509CertificateLoader.LoadPkcs12(X509Certificate2.CreateFromPemFile(certificatePath, keyPath).Export(X509ContentType.Pkcs12), null));

    public static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        var key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The certificate has no private key.");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
