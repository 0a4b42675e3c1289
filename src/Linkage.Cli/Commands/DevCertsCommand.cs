using Linkage.Domain.Staff;
using System.CommandLine;
using System.Security.Cryptography;
using Linkage.Crypto;
using Linkage.Transport;

namespace Linkage.Cli.Commands;

/// <summary>
/// Makes the development CA, the certificates of every local peer and the development secrets, once: whatever
/// exists is kept, so `make certs` can run on every `make run`.
/// </summary>
public static class DevCertsCommand
{
    private const string Hitachinaka = "1000082210000000";
    private const string Mito = "1000082015000000";
    private const string Tsukuba = "1000082201000000";
    private const string Hub = "9000000000000001";
    private const string Registry = "9000000000000002";

    /// <summary>The platform operator's code, in the certificate its nodes present (make run-platform).</summary>
    public const string Platform = "9000000000000100";

    private static readonly (string File, PeerIdentity Peer)[] Peers =
    [
        ("hub", new(Hub, Roles.Network, "provision-network")),
        ("registry", new(Registry, Roles.Network, "resident-registry")),
        ("gateway-hitachinaka", new(Hitachinaka, Roles.Gateway, "gateway")),
        ("gateway-mito", new(Mito, Roles.Gateway, "gateway")),
        ("municipality-tsukuba", new(Tsukuba, Roles.Gateway, "municipality-simulator")),
        ("gateway-tsukuba", new(Tsukuba, Roles.Gateway, "gateway")),
        ("platform-node", new(Platform, Roles.Gateway, "platform-node")),
        ("health-tsukuba", new(Tsukuba, Roles.HealthSystem, "health-management")),
        ("health-hitachinaka", new(Hitachinaka, Roles.HealthSystem, "health-management")),
        ("address-hitachinaka", new(Hitachinaka, Roles.AddressSystem, "address-system")),
        ("health-mito", new(Mito, Roles.HealthSystem, "health-management")),
        ("address-mito", new(Mito, Roles.AddressSystem, "address-system")),
        ("address-tsukuba", new(Tsukuba, Roles.AddressSystem, "address-system")),
        ("staff-reviewer", new(Hitachinaka, Roles.Reviewer, "staff-0001")),
        ("staff-admin", new(Hitachinaka, Roles.Administrator, "staff-0002")),
        ("staff-auditor", new(Hitachinaka, Roles.Auditor, "staff-0003")),
        ("staff-admin-mito", new(Mito, Roles.Administrator, "staff-0102")),
        ("staff-admin-tsukuba", new(Tsukuba, Roles.Administrator, "staff-0202")),
    ];

    /// <summary>
    /// These answer calls as well as make them (serverAuth and clientAuth, and the loopback names); the others only
    /// call (clientAuth).
    /// </summary>
    private static readonly HashSet<string> Servers = ["hub", "registry", "gateway-hitachinaka", "gateway-mito", "municipality-tsukuba", "platform-node"];

    /// <summary>`make certs` signs a new revocation list when the one there has less than this left.</summary>
    private static readonly TimeSpan RevocationListRenewal = TimeSpan.FromDays(7);

    public static Command Create(Terminal terminal)
    {
        var dir = new Option<string>("--dir")
        {
            Description = "Folder for the certificates and secrets",
            DefaultValueFactory = _ => "certs-dev",
            Recursive = true,
        };
        var command = new Command("dev-certs", "Make the development CA, its revocation list, certificates and secrets (keeps existing ones)")
        {
            dir,
            RevokeCommand.Create(terminal, dir),
        };
        command.SetGuardedAction(terminal, (parsed, _) => Task.FromResult(Run(parsed.GetValue(dir)!, terminal.Output)));
        return command;
    }

    public static int Run(string dir, TextWriter output)
    {
        Directory.CreateDirectory(dir);
        string P(string name) => Path.Combine(dir, name);

        DevCertificateAuthority authority;
        var madeAuthority = !(File.Exists(P("ca.pem")) && File.Exists(P("ca.key")));
        if (!madeAuthority)
            authority = DevCertificateAuthority.Load(P("ca.pem"), P("ca.key"));
        else
        {
            authority = DevCertificateAuthority.Create();
            authority.WriteAuthority(P("ca.pem"), P("ca.key"));
            output.WriteLine($"made {P("ca.pem")}");
        }
        // A list left from an earlier authority revokes nothing of the new one.
        MakeOrRenewRevocationList(authority, dir, replace: madeAuthority, output);

        foreach (var (file, peer) in Peers)
        {
            if (File.Exists(P(file + ".pem")) && File.Exists(P(file + ".key"))) continue;
            var usage = Servers.Contains(file) ? CertificateUsage.Server | CertificateUsage.Client : CertificateUsage.Client;
            DevCertificateAuthority.WritePem(authority.Issue(peer, usage), P(file + ".pem"), P(file + ".key"));
            output.WriteLine($"made {P(file + ".pem")}  ({peer.Role} of {peer.InstitutionCode}, {usage})");
        }

        MakeBrowserCertificates(dir, output);

        WriteOnce(output, P("hub-signing.key"), () =>
        {
            var (privateKey, publicKey) = Ed25519Keys.Generate();
            File.WriteAllText(P("hub-signing.pub"), Convert.ToBase64String(publicKey));
            return Convert.ToBase64String(privateKey);
        });
        WriteOnce(output, P("hub-symbol.secret"), () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        MakeInstitutionKeys(dir, output);
        // Each gateway node seals its own chains with its own key: node-1 of make run-platform uses the gateway's key,
        // node-2 one of its own.
        foreach (var gateway in new[] { "gateway-hitachinaka", "gateway-mito", "gateway-tsukuba",
                     "gateway-hitachinaka-node-2", "gateway-mito-node-2", "gateway-tsukuba-node-2" })
        {
            // The gateway's checkpoint key: the private half stays with the gateway (0600), the public half is
            // registered at the hub and named in the gateway's configuration.
            WriteOnce(output, P(gateway + "-checkpoint.key"), () =>
            {
                var (privateKey, publicKey) = Ed25519Keys.Generate();
                File.WriteAllText(P(gateway + "-checkpoint.pub"), Convert.ToBase64String(publicKey));
                return Convert.ToBase64String(privateKey);
            });
        }
        return 0;
    }

    /// <summary>Where the development key-encryption keys are, one <c>INSTITUTION_CODE.kek</c> per gateway's institution.</summary>
    public const string InstitutionKeysFolder = "institution-keys";

    /// <summary>
    /// Each gateway's institution's key-encryption key, as the institution would hand it to the node: a file only the
    /// owner may read, in a folder only the owner may enter. The gateway makes its data keys under it on first start.
    /// </summary>
    private static void MakeInstitutionKeys(string dir, TextWriter output)
    {
        var folder = Path.Combine(dir, InstitutionKeysFolder);
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        foreach (var institution in new[] { Hitachinaka, Mito, Tsukuba })
            WriteOnce(output, Path.Combine(folder, institution + KeyEncryptionKey.FileExtension), () => KeyEncryptionKey.Generate().ToFileText().TrimEnd());
    }

    /// <summary>The file holding the password of the staff members' PKCS#12 files.</summary>
    public const string BrowserPasswordFile = "staff-p12.password";

    /// <summary>
    /// The staff certificates as PKCS#12 (certificate and key in one file) for a desktop browser's certificate store,
    /// where they stand for the IC card at the review console; one password for all, kept beside them.
    /// </summary>
    private static void MakeBrowserCertificates(string dir, TextWriter output)
    {
        string P(string name) => Path.Combine(dir, name);
        WriteOnce(output, P(BrowserPasswordFile), () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(9)).Replace('+', 'x').Replace('/', 'y'));
        var password = File.ReadAllText(P(BrowserPasswordFile)).Trim();
        foreach (var (file, _) in Peers.Where(p => p.File.StartsWith("staff-", StringComparison.Ordinal)))
        {
            if (File.Exists(P(file + ".p12"))) continue;
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(P(file + ".pem"), P(file + ".key"));
            File.WriteAllBytes(P(file + ".p12"), certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, password));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(P(file + ".p12"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            output.WriteLine($"made {P(file + ".p12")}  (for a browser at the review console; password: {password})");
        }
    }

    /// <summary>
    /// Writes an empty list (number 1) when there is none, and signs the next one with the same entries when it is
    /// about to run out; a list that is not the authority's is an error, not something to overwrite.
    /// </summary>
    public static void MakeOrRenewRevocationList(DevCertificateAuthority authority, string dir, bool replace, TextWriter output)
    {
        var path = Path.Combine(dir, "ca.crl");
        if (replace || !File.Exists(path))
        {
            DevCertificateAuthority.WriteAtomically(path, authority.SignRevocationList());
            output.WriteLine($"made {path}");
            return;
        }
        RevocationListDocument current;
        try
        {
            current = RevocationListDocument.Read(path, authority.Certificate);
        }
        catch (CryptographicException error)
        {
            throw new InvalidOperationException($"{path} is not a revocation list of {Path.Combine(dir, "ca.pem")} ({error.Message}); " +
                "remove it to start an empty one.", error);
        }
        if (current.NextUpdate is { } next && next - DateTimeOffset.UtcNow < RevocationListRenewal)
        {
            DevCertificateAuthority.WriteAtomically(path, authority.SignRevocationList(File.ReadAllText(path)));
            output.WriteLine($"renewed {path} (list number {current.Number + 1})");
        }
    }

    private static void WriteOnce(TextWriter output, string path, Func<string> make)
    {
        if (File.Exists(path)) return;
        File.WriteAllText(path, make() + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        output.WriteLine($"made {path}");
    }
}
