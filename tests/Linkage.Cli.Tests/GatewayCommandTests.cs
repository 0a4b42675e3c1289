using Linkage.Domain.Staff;
using System.Text.Json;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>The commands against a real gateway over mutual TLS, output captured in-process.</summary>
public sealed class GatewayCommandTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    private string Gateway => fixture.Network.Hitachi.Address;

    [Fact]
    public async Task Stats_json_is_plain_json_with_the_institution_code()
    {
        var run = await CliRun.RunAsync("stats", "--json", "--gateway", Gateway, "--cert", fixture.StaffCertificate(Roles.Administrator));
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.DoesNotContain("\u001b[", run.Output);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(Hitachinaka, json.RootElement.GetProperty("institutionCode").GetString());
        Assert.Equal(NetworkFixture.RecordCount, long.Parse(json.RootElement.GetProperty("records").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Stats_prints_a_table_with_the_institution_code()
    {
        var run = await CliRun.RunAsync("stats", "--gateway", Gateway, "--cert", fixture.StaffCertificate(Roles.Administrator));
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("Institution", run.Output);
        Assert.Contains(Hitachinaka, run.Output);
    }

    [Fact]
    public async Task Records_prints_a_table_row_per_record()
    {
        var run = await CliRun.RunAsync("records", "--gateway", Gateway, "--cert", fixture.StaffCertificate(Roles.Auditor));
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var rows = run.Output.Split('\n').Where(line => line.Contains(Osteoporosis, StringComparison.Ordinal)).ToList();
        Assert.Equal(NetworkFixture.RecordCount, rows.Count);
        for (var sequence = 1; sequence <= NetworkFixture.RecordCount; sequence++)
            Assert.Contains(rows, row => row.TrimStart('│', '|', ' ').StartsWith($"{sequence} ", StringComparison.Ordinal));
        Assert.Contains($"{NetworkFixture.RecordCount} record(s)", run.Output);
    }

    [Fact]
    public async Task Records_json_lists_the_records()
    {
        var run = await CliRun.RunAsync("records", "--json", "--count", "2", "--gateway", Gateway, "--cert", fixture.StaffCertificate(Roles.Auditor));
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(Osteoporosis, r.GetProperty("informationNameCode").GetString()));
    }

    [Fact]
    public async Task Verify_reports_the_chain_intact()
    {
        var run = await CliRun.RunAsync("verify", "--gateway", Gateway, "--cert", fixture.StaffCertificate(Roles.Auditor));
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains($"intact: {NetworkFixture.RecordCount} records checked", run.Output);
    }

    [Fact]
    public async Task Health_reports_serving()
    {
        var run = await CliRun.RunAsync("health", "--address", Gateway, "--cert", fixture.StaffCertificate(Roles.Auditor));
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal("SERVING", run.Output.Trim(), ignoreCase: true);
    }

    [Fact]
    public async Task A_refused_call_prints_the_status_and_reason_and_exits_1()
    {
        // An auditor may read records, not the administrator's statistics.
        var run = await CliRun.RunAsync("stats", "--gateway", Gateway, "--cert", fixture.StaffCertificate(Roles.Auditor));
        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.StartsWith("PermissionDenied PEER_NOT_AUTHORIZED: ", run.Error);
        Assert.Equal("", run.Output);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task Nothing_listening_is_a_failure_not_a_refusal()
    {
        var run = await CliRun.RunAsync("verify", "--gateway", $"https://localhost:{Linkage.Testing.Ports.Free()}", "--cert", fixture.StaffCertificate(Roles.Auditor));
        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        Assert.StartsWith("Unavailable", run.Error);
    }
}
