using Linkage.Domain.Staff;
using System.Security.Cryptography.X509Certificates;
using Linkage.Transport;

namespace Linkage.Testing;

/// <summary>
/// A throwaway authority, its revocation list (empty at first) and its certificates, written as PEM files into a
/// temporary folder.
/// </summary>
public sealed class TestPki : IDisposable
{
    public TestPki()
    {
        Folder = Directory.CreateTempSubdirectory("linkage-test-").FullName;
        Authority = DevCertificateAuthority.Create("Linkage Test CA");
        Authority.WriteAuthority(AuthorityPath, Path.Combine(Folder, "ca.key"));
        DevCertificateAuthority.WriteAtomically(RevocationListPath, Authority.SignRevocationList());
    }

    private readonly object _issuing = new();

    public string Folder { get; }
    public DevCertificateAuthority Authority { get; }
    public string AuthorityPath => Path.Combine(Folder, "ca.pem");
    public string RevocationListPath => Path.Combine(Folder, "ca.crl");

    /// <summary>Issues a certificate for the peer (once per name) and returns the options pointing at its files.</summary>
    /// <param name="usage">By default, servers (network and gateway roles, which also call) get both usages, the rest clientAuth.</param>
    public TlsOptions Issue(string name, PeerIdentity peer, CertificateUsage? usage = null)
    {
        var certificate = Path.Combine(Folder, name + ".pem");
        var key = Path.Combine(Folder, name + ".key");
        // Callers on several threads may ask for the same new name at once: one writes it, none reads it half written.
        lock (_issuing)
            if (!File.Exists(certificate)) DevCertificateAuthority.WritePem(Authority.Issue(peer, usage ?? DefaultUsage(peer)), certificate, key);
        return new TlsOptions { AuthorityCertificate = AuthorityPath, Certificate = certificate, PrivateKey = key, RevocationList = RevocationListPath };
    }

    public TlsMaterial Material(string name, PeerIdentity peer, CertificateUsage? usage = null) => TlsMaterial.Load(Issue(name, peer, usage));

    /// <summary>Revokes the certificate issued under <paramref name="name"/>, as `linkage dev-certs revoke` does; false if it was already.</summary>
    public bool Revoke(string name)
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Folder, name + ".pem"));
        return Authority.Revoke(RevocationListPath, certificate);
    }

    public static CertificateUsage DefaultUsage(PeerIdentity peer) =>
        peer.Role is Roles.Network or Roles.Gateway ? CertificateUsage.Server | CertificateUsage.Client : CertificateUsage.Client;

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* a file still open by a stopping host; the OS cleans temp */ }
    }
}
