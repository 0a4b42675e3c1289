using Linkage.Domain.Staff;
using System.CommandLine;
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

    private static readonly (string File, PeerIdentity Peer)[] Peers =
    [
        ("hub", new(Hub, Roles.Network, "provision-network")),
        ("registry", new(Registry, Roles.Network, "resident-registry")),
        ("gateway-hitachinaka", new(Hitachinaka, Roles.Gateway, "gateway")),
        ("gateway-mito", new(Mito, Roles.Gateway, "gateway")),
        ("municipality-tsukuba", new(Tsukuba, Roles.Gateway, "municipality-simulator")),
        ("health-hitachinaka", new(Hitachinaka, Roles.HealthSystem, "health-management")),
        ("address-hitachinaka", new(Hitachinaka, Roles.AddressSystem, "address-system")),
        ("health-mito", new(Mito, Roles.HealthSystem, "health-management")),
        ("address-mito", new(Mito, Roles.AddressSystem, "address-system")),
        ("address-tsukuba", new(Tsukuba, Roles.AddressSystem, "address-system")),
        ("staff-reviewer", new(Hitachinaka, Roles.Reviewer, "staff-0001")),
        ("staff-admin", new(Hitachinaka, Roles.Administrator, "staff-0002")),
        ("staff-auditor", new(Hitachinaka, Roles.Auditor, "staff-0003")),
        ("staff-admin-mito", new(Mito, Roles.Administrator, "staff-0102")),
    ];

    public static Command Create(Terminal terminal)
    {
        var dir = new Option<string>("--dir") { Description = "Folder for the certificates and secrets", DefaultValueFactory = _ => "certs-dev" };
        var command = new Command("dev-certs", "Make the development CA, certificates and secrets (keeps existing ones)") { dir };
        command.SetGuardedAction(terminal, (parsed, _) => Task.FromResult(Run(parsed.GetValue(dir)!, terminal.Output)));
        return command;
    }

    public static int Run(string dir, TextWriter output)
    {
        Directory.CreateDirectory(dir);
        string P(string name) => Path.Combine(dir, name);

        DevCertificateAuthority authority;
        if (File.Exists(P("ca.pem")) && File.Exists(P("ca.key")))
            authority = DevCertificateAuthority.Load(P("ca.pem"), P("ca.key"));
        else
        {
            authority = DevCertificateAuthority.Create();
            authority.WriteAuthority(P("ca.pem"), P("ca.key"));
            output.WriteLine($"made {P("ca.pem")}");
        }

        foreach (var (file, peer) in Peers)
        {
            if (File.Exists(P(file + ".pem")) && File.Exists(P(file + ".key"))) continue;
            DevCertificateAuthority.WritePem(authority.Issue(peer), P(file + ".pem"), P(file + ".key"));
            output.WriteLine($"made {P(file + ".pem")}  ({peer.Role} of {peer.InstitutionCode})");
        }

        WriteOnce(output, P("hub-signing.key"), () =>
        {
            var (privateKey, publicKey) = Ed25519Keys.Generate();
            File.WriteAllText(P("hub-signing.pub"), Convert.ToBase64String(publicKey));
            return Convert.ToBase64String(privateKey);
        });
        WriteOnce(output, P("hub-symbol.secret"), () => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        foreach (var gateway in new[] { "gateway-hitachinaka", "gateway-mito" })
            WriteOnce(output, P(gateway + ".copykeys"), () =>
                "dev-1=" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        return 0;
    }

    private static void WriteOnce(TextWriter output, string path, Func<string> make)
    {
        if (File.Exists(path)) return;
        File.WriteAllText(path, make() + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        output.WriteLine($"made {path}");
    }
}
