using System.Text.Json;
using Linkage.Domain.Staff;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>operations and verify --chain operations: the operation log as an auditor reads it.</summary>
[Collection(SharedNetwork.Name)]
public sealed class OperationsCommandTests(NetworkFixture fixture)
{
    [Fact]
    public async Task Operations_lists_the_sign_in_and_the_calls_with_actor_and_rpc()
    {
        // A staff member of this test alone, so the filter by actor shows exactly what it did.
        var admin = await fixture.SignedInAsync(Roles.Administrator);
        var certificate = fixture.Certificate("cli-auditor-0044", new PeerIdentity(Hitachinaka, Roles.Auditor, "staff-0044"));
        Assert.Equal(ExitCodes.Ok, (await admin.RunAsync("staff", "add", "--id", "staff-0044", "--name", "監査 三郎",
            "--role", Roles.Auditor, "--certificate", certificate)).ExitCode);
        var auditor = await fixture.SignInAsync(certificate, fixture.NewSessionFile());
        Assert.Equal(ExitCodes.Ok, (await auditor.RunAsync("records", "--count", "2")).ExitCode);
        Assert.Equal(ExitCodes.Refused, (await auditor.RunAsync("stats")).ExitCode);

        var json = await auditor.RunAsync("operations", "--json", "--actor", "staff-0044");
        Assert.True(json.ExitCode == ExitCodes.Ok, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        var entries = document.RootElement.GetProperty("operations").EnumerateArray()
            .Select(e => (Rpc: e.GetProperty("rpc").GetString(), Actor: e.GetProperty("actorId").GetString(),
                Kind: e.GetProperty("actorKind").GetString(), Outcome: e.GetProperty("outcome").GetString(), Target: e.GetProperty("target").GetString()))
            .ToList();
        Assert.All(entries, e => Assert.Equal(("staff-0044", "staff"), (e.Actor, e.Kind?.ToLowerInvariant())));
        Assert.Equal(["/linkage.v1.Staff/SignIn", "/linkage.v1.Records/ListRecords", "/linkage.v1.Administration/GetStatistics"],
            entries.Select(e => e.Rpc).Take(3));
        Assert.Equal("OPERATION_OUTCOME_REFUSED", entries[2].Outcome);
        Assert.Equal("records:node-1:1,node-1:2", entries[1].Target);

        var table = await auditor.RunAsync("operations", "--actor", "staff-0044", "--rpc", "/linkage.v1.Records/ListRecords");
        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        var row = Assert.Single(table.Output.Split('\n'), line => line.Contains("/linkage.v1.Records/ListRecords", StringComparison.Ordinal));
        Assert.Contains("staff-0044", row);
        Assert.Contains("done", row);
    }

    [Fact]
    public async Task Operations_pages_after_a_node_and_sequence_and_a_bare_sequence_is_a_usage_error()
    {
        var auditor = await fixture.SignedInAsync(Roles.Auditor);
        var first = await auditor.RunAsync("operations", "--json", "--page-size", "2");
        using var page = JsonDocument.Parse(first.Output);
        var entries = page.RootElement.GetProperty("operations").EnumerateArray()
            .Select(e => (e.GetProperty("node").GetString(), long.Parse(e.GetProperty("sequence").GetString()!))).ToList();
        Assert.Equal([("node-1", 1L), ("node-1", 2L)], entries);
        var next = await auditor.RunAsync("operations", "--json", "--page-size", "1", "--after", "node-1:2");
        using var second = JsonDocument.Parse(next.Output);
        Assert.Equal("3", second.RootElement.GetProperty("operations")[0].GetProperty("sequence").GetString());

        Assert.Equal(ExitCodes.Usage, (await auditor.RunAsync("operations", "--after", "2")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await auditor.RunAsync("operations", "--after", "Node_1:2")).ExitCode);
    }

    [Fact]
    public async Task Verify_the_operation_log_chain()
    {
        var auditor = await fixture.SignedInAsync(Roles.Auditor);
        var run = await auditor.RunAsync("verify", "--chain", "operations");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Matches(@"intact: \d+ entries checked", run.Output);
        var json = await auditor.RunAsync("verify", "--chain", "operations", "--json");
        using var document = JsonDocument.Parse(json.Output);
        Assert.True(document.RootElement.GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Operations_are_for_auditors()
    {
        var run = await (await fixture.SignedInAsync(Roles.Administrator)).RunAsync("operations");
        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.StartsWith("PermissionDenied PEER_NOT_AUTHORIZED: ", run.Error);
    }
}
