using Linkage.Domain.Staff;
using System.Text.Json;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>The commands against a real gateway over mutual TLS, signed in through the CLI, output captured in-process.</summary>
[Collection(SharedNetwork.Name)]
public sealed class GatewayCommandTests(NetworkFixture fixture)
{
    [Fact]
    public async Task Stats_json_is_plain_json_with_the_institution_code()
    {
        var run = await (await fixture.SignedInAsync(Roles.Administrator)).RunAsync("stats", "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.DoesNotContain("\u001b[", run.Output);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(Hitachinaka, json.RootElement.GetProperty("institutionCode").GetString());
        Assert.Equal(NetworkFixture.RecordCount, long.Parse(json.RootElement.GetProperty("records").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Stats_json_has_the_exchanges_of_the_period_copies_per_information_name_and_held_counts()
    {
        var run = await (await fixture.SignedInAsync(Roles.Administrator)).RunAsync("stats", "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        var today = Linkage.Domain.JapanDate.Of(DateTimeOffset.UtcNow);
        Assert.Equal(today.AddDays(-29), DateOnly.Parse(root.GetProperty("fromDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var exchanges = root.GetProperty("exchanges").EnumerateArray().ToList();
        Assert.All(exchanges, e => Assert.Equal(("RECORD_DIRECTION_INCOMING", "PROVISION_OUTCOME_PROVIDED", Mito, Osteoporosis),
            (e.GetProperty("direction").GetString(), e.GetProperty("outcome").GetString(), e.GetProperty("inquirerInstitutionCode").GetString(),
                e.GetProperty("informationNameCode").GetString())));
        Assert.Equal(NetworkFixture.RecordCount, exchanges.Sum(e => Number(e, "count")));
        var copies = root.GetProperty("copiesByInformationName").EnumerateArray().ToList();
        Assert.Contains(copies, c => c.GetProperty("informationNameCode").GetString() == Osteoporosis);
        Assert.Equal(Number(root, "currentCopies"), copies.Sum(c => Number(c, "count")));
        Assert.Equal(0, root.GetProperty("held").GetProperty("waiting").GetInt32());
    }

    [Fact]
    public async Task Stats_prints_tables_with_the_institution_code_held_counts_and_exchanges()
    {
        var run = await (await fixture.SignedInAsync(Roles.Administrator)).RunAsync("stats");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("Institution", run.Output);
        Assert.Contains(Hitachinaka, run.Output);
        Assert.Contains("Held waiting", run.Output);
        Assert.Contains("Current copies", run.Output);
        var exchange = Assert.Single(run.Output.Split('\n'), line => line.Contains(" incoming ", StringComparison.Ordinal)
            && line.Contains(Mito, StringComparison.Ordinal));
        Assert.Contains(" provided ", exchange);
        Assert.Contains($"{NetworkFixture.RecordCount} exchange(s) from ", run.Output);
    }

    [Fact]
    public async Task Stats_for_a_period_that_ends_before_it_starts_is_refused_with_the_reason()
    {
        var run = await (await fixture.SignedInAsync(Roles.Administrator)).RunAsync("stats", "--from", "2026-11-02", "--to", "2026-11-01");
        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.StartsWith("InvalidArgument PERIOD_INVERTED: ", run.Error);
        var old = await (await fixture.SignedInAsync(Roles.Administrator)).RunAsync("stats", "--from", "2000-01-01", "--to", "2000-01-31", "--json");
        Assert.True(old.ExitCode == ExitCodes.Ok, old.ToString());
        using var json = JsonDocument.Parse(old.Output);
        Assert.Empty(json.RootElement.GetProperty("exchanges").EnumerateArray());
    }

    private static long Number(JsonElement element, string property) =>
        long.Parse(element.GetProperty(property).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Records_prints_a_table_row_per_record()
    {
        var run = await (await fixture.SignedInAsync(Roles.Auditor)).RunAsync("records");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var rows = run.Output.Split('\n').Where(line => line.Contains(Osteoporosis, StringComparison.Ordinal)).ToList();
        Assert.Equal(NetworkFixture.RecordCount, rows.Count);
        for (var sequence = 1; sequence <= NetworkFixture.RecordCount; sequence++)
            Assert.Contains(rows, row => System.Text.RegularExpressions.Regex.IsMatch(row, $@"^[│| ]*node-1\s*[│|]\s*{sequence}\s"));
        Assert.Contains($"{NetworkFixture.RecordCount} record(s); the next page: --after node-1:{NetworkFixture.RecordCount}", run.Output);
    }

    [Fact]
    public async Task Records_json_lists_the_records()
    {
        var run = await (await fixture.SignedInAsync(Roles.Auditor)).RunAsync("records", "--json", "--count", "2");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(Osteoporosis, r.GetProperty("informationNameCode").GetString()));
    }

    [Fact]
    public async Task Records_of_another_information_name_are_none()
    {
        var auditor = await fixture.SignedInAsync(Roles.Auditor);
        var other = await auditor.RunAsync("records", "--json", "--information-name", Cancer);
        Assert.True(other.ExitCode == ExitCodes.Ok, other.ToString());
        using var json = JsonDocument.Parse(other.Output);
        Assert.False(json.RootElement.TryGetProperty("records", out var records) && records.GetArrayLength() > 0, other.ToString());
        var same = await auditor.RunAsync("records", "--information-name", Osteoporosis);
        Assert.Contains($"{NetworkFixture.RecordCount} record(s)", same.Output);
    }

    [Fact]
    public async Task Records_disclose_lists_one_persons_exchanges_in_words_and_writes_a_csv_with_a_byte_order_mark()
    {
        var auditor = await fixture.SignedInAsync(Roles.Auditor);
        var person = fixture.Network.Population.InternalAddressNumberOf(NetworkFixture.Resident, HitachinakaPrefix);
        var csv = Path.Combine(Path.GetTempPath(), $"disclosure-{Guid.NewGuid():N}.csv");
        try
        {
            var run = await auditor.RunAsync("records", "disclose", person, "--json", "--csv", csv);
            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
            using (var json = JsonDocument.Parse(run.Output))
                Assert.Equal(NetworkFixture.RecordCount, json.RootElement.GetProperty("exchanges").GetArrayLength());

            var bytes = File.ReadAllBytes(csv);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var lines = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("\"日付\",\"和暦\"", lines[0], StringComparison.Ordinal);
            Assert.Equal(NetworkFixture.RecordCount + 1, lines.Length);
            Assert.Contains("\"水戸市長\"", lines[1], StringComparison.Ordinal);
            Assert.DoesNotContain(person, File.ReadAllText(csv));
        }
        finally
        {
            File.Delete(csv);
        }

        var table = await auditor.RunAsync("records", "disclose", person, "--information-name", Cancer);
        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        Assert.Contains("0 exchange(s)", table.Output);
        Assert.DoesNotContain(person, table.Output);
        var inverted = await auditor.RunAsync("records", "disclose", person, "--from", "2026-02-01", "--to", "2026-01-01");
        Assert.NotEqual(ExitCodes.Ok, inverted.ExitCode);
        Assert.Contains("PERIOD_INVERTED", inverted.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_reports_the_chain_intact()
    {
        var run = await (await fixture.SignedInAsync(Roles.Auditor)).RunAsync("verify");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains($"intact: {NetworkFixture.RecordCount} records checked", run.Output);
    }

    [Fact]
    public async Task Withhold_names_the_node_of_the_record_and_a_record_no_node_has_is_refused()
    {
        var admin = await fixture.SignedInAsync(Roles.Administrator);
        var withoutNode = await admin.RunAsync("records", "withhold", "1", "--reason", "支援措置");
        Assert.True(withoutNode.ExitCode == ExitCodes.Usage, withoutNode.ToString());

        var unknownNode = await admin.RunAsync("records", "withhold", "1", "--node", "node-9", "--reason", "支援措置");
        Assert.True(unknownNode.ExitCode == ExitCodes.Refused, unknownNode.ToString());
        Assert.StartsWith("NotFound RECORD_NOT_FOUND: ", unknownNode.Error);
    }

    [Fact]
    public async Task Health_reports_serving_to_a_registered_certificate_without_a_session()
    {
        var run = await CliRun.RunAsync("health", "--address", fixture.Gateway, "--cert", fixture.StaffCertificate(Roles.Auditor));
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal("SERVING", run.Output.Trim(), ignoreCase: true);
    }

    [Fact]
    public async Task A_refused_call_prints_the_status_and_reason_and_exits_1()
    {
        // An auditor may read records, not the administrator's statistics.
        var run = await (await fixture.SignedInAsync(Roles.Auditor)).RunAsync("stats");
        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.StartsWith("PermissionDenied PEER_NOT_AUTHORIZED: ", run.Error);
        Assert.Equal("", run.Output);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task An_unregistered_certificate_is_refused_with_what_to_do()
    {
        var stranger = fixture.Certificate("cli-unregistered", new(Hitachinaka, Roles.Auditor, "stranger"));
        var run = await CliRun.RunAsync("health", "--address", fixture.Gateway, "--cert", stranger);
        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.StartsWith("Unauthenticated CERTIFICATE_NOT_REGISTERED: ", run.Error);
        Assert.Contains("linkage staff add", run.Error);
    }

    [Fact]
    public async Task Nothing_listening_is_a_failure_not_a_refusal()
    {
        var run = await CliRun.RunAsync("verify", "--gateway", $"https://localhost:{Linkage.Testing.Ports.Free()}",
            "--cert", fixture.StaffCertificate(Roles.Auditor), "--session-file", fixture.NewSessionFile());
        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        Assert.StartsWith("Unavailable", run.Error);
    }
}
