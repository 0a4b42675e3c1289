using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Linkage.Transport;

namespace Linkage.Cli.Tests;

/// <summary>dev-certs: the certificates' usages and lives, the revocation list it makes, and `dev-certs revoke`.</summary>
public sealed class DevCertsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-cli-certs-").FullName;

    private string P(string file) => Path.Combine(_folder, file);

    [Fact]
    public async Task Dev_certs_makes_an_empty_revocation_list_signed_by_its_authority()
    {
        var run = await CliRun.RunAsync("dev-certs", "--dir", _folder);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("ca.crl", run.Output);
        var list = RevocationListDocument.Read(P("ca.crl"), Authority());
        Assert.Equal(BigInteger.One, list.Number);
        Assert.Empty(list.RevokedSerials);
        Assert.True(list.NextUpdate > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Dev_certs_makes_each_gateway_institutions_key_encryption_key_readable_by_its_owner_alone_and_keeps_it()
    {
        var run = await CliRun.RunAsync("dev-certs", "--dir", _folder);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        foreach (var institution in new[] { "1000082210000000", "1000082015000000" })
        {
            var path = P(Path.Combine("institution-keys", institution + ".kek"));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Crypto.KeyEncryptionKey.ReadFile(path); // a key the gateway accepts
        }
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(P("institution-keys")));
        var key = File.ReadAllText(P(Path.Combine("institution-keys", "1000082210000000.kek")));
        Assert.DoesNotContain(key.Trim(), run.Output);

        await CliRun.RunAsync("dev-certs", "--dir", _folder);
        Assert.Equal(key, File.ReadAllText(P(Path.Combine("institution-keys", "1000082210000000.kek"))));
    }

    [Theory]
    [InlineData("hub", true)]
    [InlineData("registry", true)]
    [InlineData("gateway-hitachinaka", true)]
    [InlineData("municipality-tsukuba", true)]
    [InlineData("health-mito", false)]
    [InlineData("address-tsukuba", false)]
    [InlineData("staff-reviewer", false)]
    public async Task Servers_get_both_usages_and_clients_client_authentication_only_for_at_most_397_days(string name, bool server)
    {
        await CliRun.RunAsync("dev-certs", "--dir", _folder);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(P(name + ".pem"));
        Assert.True(certificate.Allows(CertificateUsage.Client));
        Assert.Equal(server, certificate.Allows(CertificateUsage.Server));
        Assert.Equal(server, certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Any());
        Assert.True(certificate.NotAfter - certificate.NotBefore <= TimeSpan.FromDays(397));
    }

    [Fact]
    public async Task Revoke_lists_the_certificate_and_a_second_revoke_changes_nothing()
    {
        await CliRun.RunAsync("dev-certs", "--dir", _folder);
        using var reviewer = X509CertificateLoader.LoadCertificateFromFile(P("staff-reviewer.pem"));

        var first = await CliRun.RunAsync("dev-certs", "revoke", "staff-reviewer", "--dir", _folder);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        Assert.Contains("revoked staff-reviewer", first.Output);
        var list = RevocationListDocument.Read(P("ca.crl"), Authority());
        Assert.Equal(new BigInteger(2), list.Number);
        Assert.True(list.Lists(reviewer));
        var bytes = File.ReadAllBytes(P("ca.crl"));

        var second = await CliRun.RunAsync("dev-certs", "revoke", "staff-reviewer", "--dir", _folder);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.ToString());
        Assert.Contains("revoked already", second.Output);
        Assert.Equal(bytes, File.ReadAllBytes(P("ca.crl")));

        // make certs again keeps the list with its revocation.
        var again = await CliRun.RunAsync("dev-certs", "--dir", _folder);
        Assert.Equal("", again.Output);
        Assert.True(RevocationListDocument.Read(P("ca.crl"), Authority()).Lists(reviewer));
    }

    [Fact]
    public async Task Revoking_an_unknown_name_is_a_failure_that_names_it()
    {
        await CliRun.RunAsync("dev-certs", "--dir", _folder);
        foreach (var name in new[] { "staff-nobody", "ca", "../certs/staff-admin" })
        {
            var run = await CliRun.RunAsync("dev-certs", "revoke", name, "--dir", _folder);
            Assert.Equal(ExitCodes.Failure, run.ExitCode);
            Assert.Contains($"'{name}'", run.Error);
            Assert.DoesNotContain("   at ", run.Error);
        }
        Assert.Empty(RevocationListDocument.Read(P("ca.crl"), Authority()).RevokedSerials);
    }

    [Fact]
    public async Task Revoke_has_help()
    {
        var run = await CliRun.RunAsync("dev-certs", "revoke", "--help");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("NAME", run.Output);
        Assert.Contains("--dir", run.Output);
    }

    [Fact]
    public async Task Revoke_without_a_name_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("dev-certs", "revoke", "--dir", _folder);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    [Fact]
    public async Task A_revocation_list_of_another_authority_is_not_overwritten_but_reported()
    {
        await CliRun.RunAsync("dev-certs", "--dir", _folder);
        var foreign = DevCertificateAuthority.Create("Someone Else's CA").SignRevocationList();
        File.WriteAllText(P("ca.crl"), foreign);

        var run = await CliRun.RunAsync("dev-certs", "--dir", _folder);
        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("remove it", run.Error);
        Assert.Equal(foreign, File.ReadAllText(P("ca.crl")));
    }

    [Fact]
    public async Task A_new_authority_gets_a_new_list_in_place_of_the_old_one()
    {
        await CliRun.RunAsync("dev-certs", "--dir", _folder);
        foreach (var pem in Directory.GetFiles(_folder, "*.pem")) File.Delete(pem);

        var run = await CliRun.RunAsync("dev-certs", "--dir", _folder);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(BigInteger.One, RevocationListDocument.Read(P("ca.crl"), Authority()).Number);
    }

    private X509Certificate2 Authority() => X509CertificateLoader.LoadCertificateFromFile(P("ca.pem"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
