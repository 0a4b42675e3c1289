using Linkage.Crypto;
using Linkage.Domain.Chains;
using Linkage.Domain.Staff;
using Linkage.Gateway;
using Linkage.Storage.Database;
using Linkage.Storage.Staff;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>bootstrap-admin: the first administrator written into a fresh database, which a gateway then starts on.</summary>
[Collection(SharedNetwork.Name)]
public sealed class BootstrapAdminTests(NetworkFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-bootstrap-").FullName;

    private static readonly TestCheckpointKey CheckpointKey = new();

    private string Database => Path.Combine(_folder, "gateway.db");

    [Fact]
    public async Task The_first_administrator_is_written_with_its_binding_and_a_verifiable_log_entry_and_a_second_is_refused()
    {
        var first = fixture.Certificate("boot-admin-1", new PeerIdentity(Tsukuba, Roles.Administrator, "boot-0001"));
        var run = await BootstrapAsync("boot-0001", first + ".pem");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("administrator boot-0001", run.Output);
        Assert.Contains("restart", run.Output);

        var second = fixture.Certificate("boot-admin-2", new PeerIdentity(Tsukuba, Roles.Administrator, "boot-0002"));
        var refused = await BootstrapAsync("boot-0002", second + ".pem");
        Assert.True(refused.ExitCode == ExitCodes.Refused, refused.ToString());
        Assert.StartsWith($"refused {RegistryBootstrap.AdministratorExists}: ", refused.Error);
        Assert.Contains("boot-0001", refused.Error);

        await using var db = Context();
        var member = Assert.Single(await db.StaffMembers.ToListAsync());
        Assert.Equal(("boot-0001", Roles.Administrator, Tsukuba), (member.StaffId, member.Roles, member.InstitutionCode));
        var binding = Assert.Single(await db.CertificateBindings.ToListAsync());
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(first + ".pem");
        Assert.Equal((CertificateReferences.Thumbprint(certificate), "boot-0001", (int)CallerKind.Staff), (binding.Thumbprint, binding.OwnerId, binding.OwnerKind));
        var entry = Assert.Single(await db.OperationLog.ToListAsync());
        Assert.Equal((RegistryBootstrap.Operation, "boot-0001", (int)CallerKind.Staff, (int)OperationOutcome.Done),
            (entry.Rpc, entry.ActorId, entry.ActorKind, entry.Outcome));

        var reader = new DbOperationLogReader(new PooledDbContextFactory<LinkageDbContext>(Options()));
        var verification = await new HashChainVerifier<OperationEntry>(OperationHasher.Sha256).VerifyAsync(reader.ReadAllAsync("node-1", default), default);
        Assert.True(verification.Intact, verification.Description);
        Assert.Equal(1, verification.Checked);
    }

    [Fact]
    public async Task A_certificate_of_another_institution_or_authority_is_refused_and_nothing_is_written()
    {
        var mito = fixture.Certificate("boot-admin-mito", new PeerIdentity(Mito, Roles.Administrator, "boot-0101"));
        var other = await BootstrapAsync("boot-0101", mito + ".pem");
        Assert.True(other.ExitCode == ExitCodes.Refused, other.ToString());
        Assert.StartsWith("refused OTHER_INSTITUTION: ", other.Error);

        var foreign = new TestPki();
        try
        {
            foreign.Issue("admin", new PeerIdentity(Tsukuba, Roles.Administrator, "boot-0003"));
            var run = await BootstrapAsync("boot-0003", Path.Combine(foreign.Folder, "admin.pem"), fixture.Network.Pki.AuthorityPath);
            Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
            Assert.StartsWith("refused CERTIFICATE_UNUSABLE: ", run.Error);
        }
        finally
        {
            foreign.Dispose();
        }
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public async Task A_gateway_started_on_the_database_lets_the_administrator_sign_in_and_the_log_stays_one_chain()
    {
        var certificate = fixture.Certificate("boot-admin-3", new PeerIdentity(Tsukuba, Roles.Administrator, "boot-0004"));
        Assert.Equal(ExitCodes.Ok, (await BootstrapAsync("boot-0004", certificate + ".pem")).ExitCode);

        await using var gateway = await StartGatewayAsync();
        await TestNetwork.WaitUntilServingAsync(gateway,
            fixture.Network.Channel(gateway, "probe", new PeerIdentity(HubCode, Roles.Network, "probe")));
        var admin = await fixture.SignInAsync(certificate, fixture.NewSessionFile(), gateway.Address);
        var whoami = await admin.RunAsync("whoami");
        Assert.True(whoami.ExitCode == ExitCodes.Ok, whoami.ToString());
        Assert.Contains("boot-0004", whoami.Output);
        Assert.Contains(Roles.Administrator, whoami.Output);

        var verify = await admin.RunAsync("verify", "--chain", "operations");
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.ToString());
        Assert.Contains("intact: 3 entries checked", verify.Output); // bootstrap, sign-in, whoami
    }

    [Fact]
    public async Task Missing_options_are_usage_errors()
    {
        var run = await CliRun.RunAsync("bootstrap-admin", "--database", Database, "--id", "x", "--name", "y", "--certificate", "z.pem");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--institution", run.Error);
        Assert.False(File.Exists(Database));
    }

    private Task<CliRun> BootstrapAsync(string id, string certificate, string? authority = null) =>
        CliRun.RunAsync(["bootstrap-admin", "--database", Database, "--institution", Tsukuba, "--id", id, "--name", "管理 太郎",
            "--certificate", certificate, .. authority is null ? Array.Empty<string>() : ["--ca", authority]]);

    /// <summary>
    /// A Tsukuba gateway on the bootstrapped database, beside the fixture's hub: an institution no other gateway of the
    /// fixture serves, so that its chains are its own at the hub (whose witness it is not registered with).
    /// </summary>
    private Task<TestHost> StartGatewayAsync()
    {
        var network = fixture.Network;
        var tls = network.Pki.Issue("gateway-bootstrap", new PeerIdentity(Tsukuba, Roles.Gateway, "gateway"));
        return TestHost.StartAsync("gateway-bootstrap", Ports.Free(), GatewayApp.Create, new Dictionary<string, string?>
        {
            ["Gateway:InstitutionCode"] = Tsukuba,
            ["Gateway:InstitutionName"] = "bootstrap",
            ["Gateway:DatabasePath"] = Database,
            ["Gateway:HubSigningKey"] = Convert.ToBase64String(network.HubPublicKey),
            ["Gateway:HubSigningKeyId"] = HubKeyId,
            ["Gateway:HubInstitutionCode"] = HubCode,
            ["Network:HubAddress"] = network.Hub.Address,
            ["InstitutionKeys:KeyFile"] = new TestKeyEncryptionKey(Path.Combine(_folder, "institution-keys"), Tsukuba).FilePath,
            ["Checkpoints:Key"] = Convert.ToBase64String(CheckpointKey.PrivateKey),
            ["Checkpoints:PublicKey"] = Convert.ToBase64String(CheckpointKey.PublicKey),
            ["Checkpoints:KeyId"] = TestCheckpointKey.KeyId,
            ["Tls:AuthorityCertificate"] = tls.AuthorityCertificate,
            ["Tls:Certificate"] = tls.Certificate,
            ["Tls:PrivateKey"] = tls.PrivateKey,
            ["Tls:RevocationList"] = network.Pki.RevocationListPath,
        });
    }

    private DbContextOptions<LinkageDbContext> Options() => new DbContextOptionsBuilder<LinkageDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString()).Options;

    private LinkageDbContext Context() => new(Options());

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
