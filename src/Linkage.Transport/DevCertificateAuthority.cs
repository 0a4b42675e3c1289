using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linkage.Transport;

/// <summary>
/// A development certificate authority: ECDSA P-256, certificates with the peer identity in the subject (servers also
/// for loopback names), and its revocation list. Used by `make certs` (through the CLI) and by tests.
/// </summary>
public sealed class DevCertificateAuthority(X509Certificate2 authority)
{
    /// <summary>The longest life of a certificate, as for publicly trusted TLS certificates (CA/Browser Forum).</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(397);

    /// <summary>How long a revocation list is current; `make certs` signs a new one before it runs out.</summary>
    public static readonly TimeSpan RevocationListLifetime = TimeSpan.FromDays(30);

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

    /// <summary>
    /// A certificate carrying <paramref name="peer"/> for <paramref name="usage"/>; one with <see cref="CertificateUsage.Server"/>
    /// is also for localhost, 127.0.0.1 and ::1.
    /// </summary>
    /// <param name="validity">At most <see cref="MaxValidity"/>, which is the default.</param>
    public X509Certificate2 Issue(PeerIdentity peer, CertificateUsage usage, TimeSpan? validity = null)
    {
        var lifetime = validity ?? MaxValidity;
        if (lifetime <= TimeSpan.Zero || lifetime > MaxValidity)
            throw new ArgumentOutOfRangeException(nameof(validity), lifetime, $"A development certificate lives at most {MaxValidity.TotalDays} days.");
        if (usage == 0 || (usage & ~(CertificateUsage.Client | CertificateUsage.Server)) != 0)
            throw new ArgumentOutOfRangeException(nameof(usage), usage, "A certificate is for clients, servers or both.");

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(peer.ToDistinguishedName(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usage.ToOids(), false));
        if (usage.HasFlag(CertificateUsage.Server))
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build());
        }
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));

        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate, notBefore, notBefore + lifetime, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public TlsMaterial MaterialFor(PeerIdentity peer, CertificateUsage usage) => new(Issue(peer, usage), new CertificateTrust(Certificate));

    /// <summary>
    /// A revocation list (PEM) numbered one above <paramref name="currentPem"/>, with its entries (none when null)
    /// and <paramref name="revoke"/>, current for <see cref="RevocationListLifetime"/>.
    /// </summary>
    public string SignRevocationList(string? currentPem = null, X509Certificate2? revoke = null)
    {
        var number = BigInteger.Zero;
        var builder = currentPem is null ? new CertificateRevocationListBuilder() : CertificateRevocationListBuilder.LoadPem(currentPem, out number);
        var now = DateTimeOffset.UtcNow;
        if (revoke is not null) builder.AddEntry(revoke, now);
        var der = builder.Build(Certificate, number + 1, now + RevocationListLifetime, HashAlgorithmName.SHA256, thisUpdate: now);
        return PemEncoding.WriteString(RevocationListDocument.PemLabel, der);
    }

    /// <summary>
    /// Adds the certificate to the revocation list file, which must be ours, and writes it atomically; false when it
    /// was listed already (the file is left as it was).
    /// </summary>
    public bool Revoke(string revocationListPath, X509Certificate2 certificate)
    {
        var current = File.ReadAllText(revocationListPath);
        if (RevocationListDocument.ParsePem(current, Certificate).Lists(certificate)) return false;
        WriteAtomically(revocationListPath, SignRevocationList(current, certificate));
        return true;
    }

    /// <summary>
    /// Writes beside the file and renames over it, so a process watching it reads the old list or the new, never half
    /// of one.
    /// </summary>
    public static void WriteAtomically(string path, string text)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

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
