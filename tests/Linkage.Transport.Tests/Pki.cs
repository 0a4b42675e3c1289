using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linkage.Transport.Tests;

/// <summary>A throwaway authority with its revocation list in a temporary folder, and certificates made to measure.</summary>
public sealed class Pki : IDisposable
{
    public const string Institution = "1000082210000000";
    public const string Hub = "9000000000000001";

    public Pki(string name = "Transport Test CA")
    {
        Folder = Directory.CreateTempSubdirectory("linkage-transport-").FullName;
        Authority = DevCertificateAuthority.Create(name);
        File.WriteAllText(AuthorityPath, Authority.Certificate.ExportCertificatePem());
        DevCertificateAuthority.WriteAtomically(RevocationListPath, Authority.SignRevocationList());
    }

    public string Folder { get; }
    public DevCertificateAuthority Authority { get; }
    public string AuthorityPath => Path.Combine(Folder, "ca.pem");
    public string RevocationListPath => Path.Combine(Folder, "ca.crl");

    public static PeerIdentity Staff => new(Institution, "reviewer", "staff-0001");
    public static PeerIdentity Gateway => new(Institution, "gateway", "gateway");

    public X509Certificate2 Client(PeerIdentity? peer = null) => Authority.Issue(peer ?? Staff, CertificateUsage.Client);
    public X509Certificate2 Server(PeerIdentity? peer = null) => Authority.Issue(peer ?? Gateway, CertificateUsage.Server | CertificateUsage.Client);

    /// <summary>Material as a host loads it from files, with the revocation list watched or only looked at when asked.</summary>
    public TlsMaterial Material(X509Certificate2 certificate, bool watch = false)
    {
        var name = Guid.NewGuid().ToString("N");
        DevCertificateAuthority.WritePem(certificate, Path.Combine(Folder, name + ".pem"), Path.Combine(Folder, name + ".key"));
        return TlsMaterial.Load(new TlsOptions
        {
            AuthorityCertificate = AuthorityPath,
            Certificate = Path.Combine(Folder, name + ".pem"),
            PrivateKey = Path.Combine(Folder, name + ".key"),
            RevocationList = RevocationListPath,
        }, watch: watch);
    }

    public RevocationList LoadList(bool watch = false) => RevocationList.Load(RevocationListPath, Authority.Certificate, watch: watch);

    public bool Revoke(X509Certificate2 certificate) => Authority.Revoke(RevocationListPath, certificate);

    /// <summary>
    /// A certificate our issuer would not make: any extended key usages (none when empty), the loopback names or not,
    /// a chosen serial and validity. Signed by <paramref name="issuer"/> (default: this authority).
    /// </summary>
    public X509Certificate2 Custom(PeerIdentity peer, string[] usages, bool loopbackNames = true, byte[]? serial = null,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, X509Certificate2? issuer = null)
    {
        issuer ??= Authority.Certificate;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(peer.ToDistinguishedName(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (usages.Length > 0)
        {
            var oids = new OidCollection();
            foreach (var usage in usages) oids.Add(new Oid(usage));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }
        if (loopbackNames)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(issuer, notBefore ?? now.AddMinutes(-5), notAfter ?? now.AddDays(30), serial ?? PositiveSerial());
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static byte[] PositiveSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        return serial;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* a watcher still closing; the OS cleans temp */ }
    }
}
