using Linkage.Transport;

namespace Linkage.Testing;

/// <summary>A throwaway authority and its certificates, written as PEM files into a temporary folder.</summary>
public sealed class TestPki : IDisposable
{
    public TestPki()
    {
        Folder = Directory.CreateTempSubdirectory("linkage-test-").FullName;
        Authority = DevCertificateAuthority.Create("Linkage Test CA");
        Authority.WriteAuthority(AuthorityPath, Path.Combine(Folder, "ca.key"));
    }

    public string Folder { get; }
    public DevCertificateAuthority Authority { get; }
    public string AuthorityPath => Path.Combine(Folder, "ca.pem");

    /// <summary>Issues a certificate for the peer and returns the options pointing at its files.</summary>
    public TlsOptions Issue(string name, PeerIdentity peer)
    {
        var certificate = Path.Combine(Folder, name + ".pem");
        var key = Path.Combine(Folder, name + ".key");
        if (!File.Exists(certificate)) DevCertificateAuthority.WritePem(Authority.Issue(peer), certificate, key);
        return new TlsOptions { AuthorityCertificate = AuthorityPath, Certificate = certificate, PrivateKey = key };
    }

    public TlsMaterial Material(string name, PeerIdentity peer) => TlsMaterial.Load(Issue(name, peer));

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* a file still open by a stopping host; the OS cleans temp */ }
    }
}
