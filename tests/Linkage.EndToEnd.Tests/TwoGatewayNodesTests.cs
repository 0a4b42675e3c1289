using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Gateway.Jobs;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Two active gateway nodes of Hitachinaka on one PostgreSQL schema, with the hub, the registry and Mito: the database
/// lets only one of them accept a permit; each keeps and seals chains of its own, which either node verifies; and a
/// job that must run once runs on one node only, the other taking over when that node is gone.
/// </summary>
[Trait("Storage", PostgresFactAttribute.Trait)]
public sealed class TwoGatewayNodesTests : IAsyncLifetime
{
    private const int Resident = 4;
    private TestNetwork _network = null!;
    private TestHost _second = null!;
    private PermitForge _forge = null!;

    public async Task InitializeAsync()
    {
        if (TestStorage.AdminConnectionString is null) return; // skipped: see PostgresFact
        _network = await TestNetwork.StartAsync(hitachiSettings: new Dictionary<string, string?>
        {
            // Leader jobs that come round often, so that a take-over shows within seconds.
            ["Review:DeliveryPollInterval"] = "00:00:00.2",
            ["Staff:SweepInterval"] = "00:00:01",
            ["Gateway:SharedStateRefresh"] = "00:00:00.2",
        });
        _second = await _network.StartSecondHitachiNodeAsync();
        await _network.ProvideableResidentAsync(Resident);
        _forge = new PermitForge(_network);
    }

    public async Task DisposeAsync()
    {
        if (_network is not null) await _network.DisposeAsync();
    }

    private TestHost[] Nodes => [_network.Hitachi, _second];

    private Contracts.V1.Provision.ProvisionClient AsHub(TestHost node) =>
        new(_network.Channel(node, "hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network")));

    private Records.RecordsClient Auditor(TestHost node) => new(_network.Staff(node, Roles.Auditor));

    /// <summary>The outcome of one Provide: the answer's outcome, or the refusal's reason.</summary>
    private static async Task<string> OutcomeAsync(Contracts.V1.Provision.ProvisionClient client, RelayedInquiry inquiry)
    {
        try
        {
            return (await client.ProvideAsync(inquiry)).Outcome.ToString();
        }
        catch (RpcException refused)
        {
            return refused.Reason() ?? refused.StatusCode.ToString();
        }
    }

    private async Task<string> ProvideAsync(TestHost node)
    {
        var permit = _forge.Permit(Resident);
        var answer = await AsHub(node).ProvideAsync(PermitForge.Inquiry(permit, _forge.Sign(permit)));
        Assert.Equal(ProvisionOutcome.Provided, answer.Outcome);
        return permit.PermitId;
    }

    /// <summary>Every record of every node, listed from <paramref name="node"/> a page of 3 at a time.</summary>
    private async Task<List<ProvisionRecordView>> AllRecordsAsync(TestHost node)
    {
        var auditor = Auditor(node);
        var all = new List<ProvisionRecordView>();
        while (true)
        {
            var last = all.LastOrDefault();
            var page = (await auditor.ListRecordsAsync(new ListRecordsRequest
            {
                PageSize = 3, AfterNode = last?.Node ?? "", AfterSequence = last?.Sequence ?? 0,
            })).Records;
            if (page.Count == 0) return all;
            all.AddRange(page);
        }
    }

    [PostgresFact(Timeout = 240_000)]
    public async Task One_permit_sent_to_both_nodes_at_once_is_provided_by_exactly_one_and_refused_as_replayed_by_the_other()
    {
        var clients = Nodes.Select(AsHub).ToArray();
        var permits = new List<string>();
        for (var round = 0; round < 10; round++)
        {
            var permit = _forge.Permit(Resident);
            var inquiry = PermitForge.Inquiry(permit, _forge.Sign(permit));

            var outcomes = await Task.WhenAll(clients.Select(client => OutcomeAsync(client, inquiry)));

            Assert.Equal(["PERMIT_REPLAYED", nameof(ProvisionOutcome.Provided)], outcomes.Order(StringComparer.Ordinal));
            permits.Add(permit.PermitId);
        }

        // Each node recorded what it did in its own chain: the answer on one, the refused replay on the other.
        var records = await AllRecordsAsync(_second);
        foreach (var permitId in permits)
        {
            var both = records.Where(r => r.PermitId == permitId).ToList();
            Assert.Equal(2, both.Count);
            Assert.Equal(2, both.Select(r => r.Node).Distinct().Count());
            Assert.Single(both, r => r.Outcome == ProvisionOutcome.Provided);
            Assert.Single(both, r => r.Reason == "PERMIT_REPLAYED");
        }
    }

    [PostgresFact(Timeout = 240_000)]
    public async Task Both_nodes_chains_verify_from_either_node_each_against_its_own_checkpoints_and_a_change_in_one_is_found_in_that_one()
    {
        var provided = new List<string>();
        foreach (var node in Nodes)
        {
            for (var i = 0; i < 3; i++) provided.Add(await ProvideAsync(node));
            await Auditor(node).ListRecordsAsync(new ListRecordsRequest { PageSize = 1 }); // a staff call: the node's operation log
        }
        foreach (var node in Nodes)
            await node.Services.GetRequiredService<CheckpointJob>().RunOnceAsync(schedule: null, CancellationToken.None);

        foreach (var asked in Nodes)
            foreach (var kind in new[] { Chain.ProvisionRecords, Chain.OperationLog })
            {
                var verified = await Auditor(asked).VerifyAsync(new VerifyRequest { Chain = kind });
                Assert.True(verified.Intact, string.Join(" | ", verified.Chains.Select(c => c.Description)));
                Assert.Equal([FirstNode, SecondNode], verified.Chains.Select(c => c.Node));
                Assert.All(verified.Chains, c =>
                {
                    Assert.StartsWith($"{Hitachinaka}/{c.Node}/", c.ChainId, StringComparison.Ordinal);
                    Assert.True(c.CheckpointsChecked >= 1 && c.HubCompared && c.WitnessedSequence >= 1, c.Description);
                });
            }
        var records = (await Auditor(_second).VerifyAsync(new VerifyRequest())).Chains;
        Assert.All(records, c => Assert.Equal((0, 0L, c.EntriesChecked), (c.UnwitnessedCheckpoints, c.UnsealedEntries, c.WitnessedSequence)));
        var listed = await AllRecordsAsync(_network.Hitachi);
        Assert.All(provided, id => Assert.Contains(listed, r => r.PermitId == id));
        Assert.Equal(listed.OrderBy(r => r.Node, StringComparer.Ordinal).ThenBy(r => r.Sequence).Select(r => (r.Node, r.Sequence)),
            listed.Select(r => (r.Node, r.Sequence)));

        // Someone with the database changes a record of node-2: node-1 finds it in node-2's chain, and its own intact.
        using (var connection = _network.ConnectToHitachinaka())
        using (var update = connection.CreateCommand())
        {
            update.CommandText = """UPDATE "ProvisionRecords" SET "Reason" = 'x' WHERE "Node" = 'node-2' AND "Sequence" = 2""";
            Assert.Equal(1, update.ExecuteNonQuery());
        }
        var tampered = await Auditor(_network.Hitachi).VerifyAsync(new VerifyRequest());
        Assert.False(tampered.Intact);
        Assert.Equal((FirstNode, true), (tampered.Chains[0].Node, tampered.Chains[0].Intact));
        Assert.Equal((SecondNode, false, 2L), (tampered.Chains[1].Node, tampered.Chains[1].Intact, tampered.Chains[1].FirstBrokenSequence));
    }

    [PostgresFact(Timeout = 240_000)]
    public async Task A_leader_job_runs_on_exactly_one_node_and_the_other_takes_over_when_the_leaders_host_is_gone()
    {
        string[] once = [ReplayPurgeJob.JobName, AbandonedBatchJob.JobName, SessionSweepJob.JobName, OutboxDispatcher.JobName,
            EscalationJob.JobName, RetentionJob.JobName, PermittedListSynchronizer.JobName];
        await Eventually(() => once.All(job => Nodes.All(node => Job(node, job) is not null)));

        foreach (var job in once)
            Assert.Single(Nodes, node => Job(node, job)!.State != JobStatus.Standby);
        // Sealing is each node's own: both run it.
        Assert.All(Nodes, node => Assert.NotEqual(JobStatus.Standby, Job(node, CheckpointJob.SealName)!.State));

        var leader = Nodes.Single(node => Job(node, OutboxDispatcher.JobName)!.State != JobStatus.Standby);
        var follower = Nodes.Single(node => node != leader);
        await leader.DisposeAsync();
        var gone = DateTimeOffset.UtcNow;

        await Eventually(() => Job(follower, OutboxDispatcher.JobName) is { State: not JobStatus.Standby, LastRun: { } run } && run > gone
            && Job(follower, SessionSweepJob.JobName) is { State: not JobStatus.Standby, LastRun: { } sweep } && sweep > gone);
    }

    [PostgresFact(Timeout = 240_000)]
    public async Task A_hold_flag_set_and_a_session_ended_through_one_node_hold_on_the_other()
    {
        var admin = new Administration.AdministrationClient(_network.Staff(_network.Hitachi, Roles.Administrator));
        var person = _network.Population.InternalAddressNumberOf(Resident, HitachinakaPrefix);
        var (name, peer) = _network.RegisteredStaff(_network.Hitachi, Roles.Auditor);
        _network.RegisteredStaff(_second, Roles.Auditor); // known to the second node now, not a refresh later
        var token = await _network.SignInAsync(_second, name, peer);
        var onSecond = new Staff.StaffClient(_network.SessionChannel(_second, name, peer, token));
        await onSecond.WhoAmIAsync(new WhoAmIRequest()); // the second node holds the session in memory now

        await admin.SetHoldFlagAsync(new SetHoldFlagRequest { InternalAddressNumber = person, Reason = HoldFlagReason.SupportMeasure });
        await new Staff.StaffClient(_network.SessionChannel(_network.Hitachi, name, peer, token)).SignOutAsync(new SignOutRequest());

        // Within the refresh, the second node holds the person's answers and refuses the signed-out session.
        await EventuallyAsync(async () => await AnswerAsync(_second) == ProvisionOutcome.Held);
        await EventuallyAsync(async () =>
        {
            try
            {
                await onSecond.WhoAmIAsync(new WhoAmIRequest());
                return false;
            }
            catch (RpcException refused) when ((refused.StatusCode, refused.Reason()) == (StatusCode.Unauthenticated, "SESSION_ENDED"))
            {
                return true;
            }
        });
    }

    private async Task<ProvisionOutcome> AnswerAsync(TestHost node)
    {
        var permit = _forge.Permit(Resident);
        return (await AsHub(node).ProvideAsync(PermitForge.Inquiry(permit, _forge.Sign(permit)))).Outcome;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("The condition did not hold within a minute.");
            await Task.Delay(100);
        }
    }

    private static JobStatus? Job(TestHost node, string name) =>
        node.Services.GetRequiredService<JobBoard>().All.SingleOrDefault(j => j.Name == name);

    private static async Task Eventually(Func<bool> condition)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("The condition did not hold within a minute.");
            await Task.Delay(100);
        }
    }
}
