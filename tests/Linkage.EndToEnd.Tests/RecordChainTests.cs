using Linkage.Domain.Staff;
using Linkage.Contracts.V1;
using Linkage.Testing;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>The provision records are a hash chain: any change to a stored record is found, at the first broken link.</summary>
public sealed class RecordChainTests : IAsyncLifetime
{
    private const int Resident = 9;
    private TestNetwork _network = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync();
        await _network.ProvideableResidentAsync(Resident);
        var forge = new PermitForge(_network);
        var provision = new Contracts.V1.Provision.ProvisionClient(
            _network.Channel(_network.Hitachi, "hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network")));
        for (var i = 0; i < 3; i++)
        {
            var permit = forge.Permit(i == 1 ? Resident + 1 : Resident);
            await provision.ProvideAsync(PermitForge.Inquiry(permit, forge.Sign(permit)));
        }
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    /// <summary>The one node's record chain as Verify reports it.</summary>
    private async Task<ChainVerification> VerifyAsync() =>
        (await new Records.RecordsClient(_network.Staff(_network.Hitachi, Roles.Auditor)).VerifyAsync(new VerifyRequest())).Chains.Single();

    private void Execute(string sql)
    {
        using var connection = _network.ConnectToHitachinaka();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    [Fact(Timeout = 60_000)]
    public async Task An_untouched_chain_verifies()
    {
        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Description);
        Assert.Equal(3, result.EntriesChecked);
    }

    [Fact(Timeout = 60_000)]
    public async Task Records_are_listed_a_page_at_a_time_after_a_node_and_sequence_and_a_sequence_alone_names_none()
    {
        var auditor = new Records.RecordsClient(_network.Staff(_network.Hitachi, Roles.Auditor));

        var first = (await auditor.ListRecordsAsync(new ListRecordsRequest { PageSize = 2 })).Records;
        var next = (await auditor.ListRecordsAsync(new ListRecordsRequest { PageSize = 2, AfterNode = "node-1", AfterSequence = 2 })).Records;
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            auditor.ListRecordsAsync(new ListRecordsRequest { AfterSequence = 2 }).ResponseAsync);

        Assert.Equal([("node-1", 1L), ("node-1", 2L)], first.Select(r => (r.Node, r.Sequence)));
        Assert.Equal([("node-1", 3L)], next.Select(r => (r.Node, r.Sequence)));
        Assert.Equal((Grpc.Core.StatusCode.InvalidArgument, "MISSING_FIELD", "after_node"),
            (refused.StatusCode, refused.Reason(), Assert.Single(refused.FieldViolations()).Field));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_altered_record_is_reported_as_the_first_broken_link()
    {
        Execute("""UPDATE "ProvisionRecords" SET "Outcome" = 1, "Reason" = '' WHERE "Sequence" = 2""");
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenSequence);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_moved_permit_expiry_which_the_replay_guard_reloads_breaks_the_chain()
    {
        Execute("""UPDATE "ProvisionRecords" SET "PermitExpiresAtMs" = "PermitExpiresAtMs" - 3600000 WHERE "Sequence" = 1""");
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(1, result.FirstBrokenSequence);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_removed_record_is_reported()
    {
        Execute("""DELETE FROM "ProvisionRecords" WHERE "Sequence" = 2""");
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenSequence);
    }
}
