using Grpc.Core;
using Linkage.Domain.Errors;
using Linkage.Testing;
using Microsoft.Extensions.Options;
using static Linkage.EndToEnd.Tests.HubNodesHarness;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// The hub relays to every gateway node of an institution: round-robin, on to the next node when one did not take the
/// call, never on when a node may have used the permit; each node must present the certificate it is configured with.
/// </summary>
public sealed class HubNodeFailoverTests : IAsyncLifetime, IDisposable
{
    private readonly TestPki _pki = new();
    private readonly List<TestHost> _nodes = [];

    [Fact]
    public async Task Inquiries_are_spread_over_both_nodes_and_each_carries_the_provider_as_audience()
    {
        var (a, ledgerA) = await NodeAsync("node-a");
        var (b, ledgerB) = await NodeAsync("node-b");
        await using var hub = await StartAsync(_pki, [new(a.Address), new(b.Address)]);

        var permits = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var (permitId, answer) = await hub.InquireAsync();
            Assert.Equal(permitId, answer.PermitId);
            permits.Add(permitId);
        }

        Assert.Equal(5, ledgerA.Provided.Count);
        Assert.Equal(5, ledgerB.Provided.Count);
        var received = ledgerA.Provided.Concat(ledgerB.Provided).ToList();
        Assert.Equal(permits.Order(), received.Select(r => r.PermitId).Order());
        Assert.All(received, r => Assert.Equal(Hitachinaka, r.Audience));
    }

    [Fact]
    public async Task With_one_node_stopped_every_inquiry_completes_on_the_other()
    {
        var (a, ledgerA) = await NodeAsync("node-a");
        var (b, ledgerB) = await NodeAsync("node-b");
        await using var hub = await StartAsync(_pki, [new(a.Address), new(b.Address)]);
        await hub.InquireAsync();
        await hub.InquireAsync();
        Assert.Single(ledgerA.Provided);

        await StopAsync(a);
        var answeredBy = new List<string>();
        for (var i = 0; i < 12; i++) answeredBy.Add((await hub.InquireAsync()).Answer.NotProvidedReason);

        Assert.All(answeredBy, node => Assert.Equal("node-b", node));
        Assert.Equal(13, ledgerB.Provided.Count);
        Assert.Single(ledgerA.Provided);
    }

    [Fact]
    public async Task With_both_nodes_down_the_inquirer_is_told_none_took_the_call()
    {
        var (a, _) = await NodeAsync("node-a");
        var (b, _) = await NodeAsync("node-b");
        await using var hub = await StartAsync(_pki, [new(a.Address), new(b.Address)]);
        await StopAsync(a);
        await StopAsync(b);

        for (var i = 0; i < 3; i++)
        {
            var (_, failure) = await hub.InquiryFailureAsync();
            Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
            Assert.Equal(ErrorReasons.PeerUnavailable, failure.Reason());
            Assert.Contains("None of the 2 gateway node(s) of institution " + Hitachinaka, failure.Status.Detail);
        }
    }

    [Fact]
    public async Task A_node_slow_to_connect_is_passed_over_for_the_next()
    {
        using var silent = new SilentListener();
        var (b, ledgerB) = await NodeAsync("node-b");
        await using var hub = await StartAsync(_pki, [new(silent.Address), new(b.Address)],
            settings: new Dictionary<string, string?> { ["Hub:Failover:ConnectTimeout"] = "00:00:01" });

        for (var i = 0; i < 4; i++) Assert.Equal("node-b", (await hub.InquireAsync()).Answer.NotProvidedReason);

        Assert.Equal(4, ledgerB.Provided.Count);
        Assert.True(silent.Accepted > 0, "The hub never tried the silent node: round-robin did not reach it.");
    }

    public static TheoryData<string, string, string> WrongPeers => new()
    {
        // node's certificate institution, the Peer configured for it, why it is wrong
        { Mito, "", "another institution's gateway" },
        { Platform, "", "a platform the hub was not told about" },
        { Hitachinaka, Platform, "not the platform configured for the node" },
    };

    [Theory]
    [MemberData(nameof(WrongPeers))]
    public async Task A_node_presenting_another_peer_than_configured_is_refused(string presented, string configuredPeer, string why)
    {
        var (wrong, wrongLedger) = await NodeAsync("node-wrong", presented);
        var (b, ledgerB) = await NodeAsync("node-b");
        await using var hub = await StartAsync(_pki, [new(wrong.Address, configuredPeer), new(b.Address)]);

        for (var i = 0; i < 4; i++) Assert.Equal("node-b", (await hub.InquireAsync()).Answer.NotProvidedReason);

        Assert.True(wrongLedger.Provided.Count == 0, $"The hub sent calls to {why}.");
        Assert.Equal(4, ledgerB.Provided.Count);
        var expected = configuredPeer.Length > 0 ? configuredPeer : Hitachinaka;
        Assert.Contains(hub.Hub.Logs.Events, e => e.RenderMessage().Contains("Refused a server's certificate")
            && e.RenderMessage().Contains($"gateway of {expected}") && e.RenderMessage().Contains($"gateway of {presented}"));

        await using var alone = await StartAsync(_pki, [new(wrong.Address, configuredPeer)]);
        var (_, failure) = await alone.InquiryFailureAsync();
        Assert.Equal(ErrorReasons.PeerUnavailable, failure.Reason());
        Assert.Empty(wrongLedger.Provided);
    }

    [Fact]
    public async Task A_platform_node_is_accepted_with_the_platform_configured_as_its_peer()
    {
        var (platform, ledger) = await NodeAsync("node-platform", Platform);
        await using var hub = await StartAsync(_pki, [new(platform.Address, Platform)]);

        var (permitId, _) = await hub.InquireAsync();

        Assert.Equal([(permitId, Hitachinaka)], ledger.Provided);
    }

    [Theory]
    [InlineData(NodeBehaviour.Stall, ErrorReasons.PeerUnavailable)]
    [InlineData(NodeBehaviour.Abort, ErrorReasons.PeerUnavailable)]
    [InlineData(NodeBehaviour.RefuseAsReplayed, ErrorReasons.PermitReplayed)]
    public async Task A_call_that_reached_a_node_is_never_sent_to_another(NodeBehaviour behaviour, string reason)
    {
        var (a, ledgerA) = await NodeAsync("node-a");
        var (b, ledgerB) = await NodeAsync("node-b");
        ledgerA.Behaviour = behaviour;
        await using var hub = await StartAsync(_pki, [new(a.Address), new(b.Address)],
            settings: new Dictionary<string, string?> { ["Hub:RelayTimeout"] = "00:00:03" });

        // Round-robin: the first call goes to node a, the second to node b.
        var (failedPermit, failure) = await hub.InquiryFailureAsync();
        var (answeredPermit, answer) = await hub.InquireAsync();

        Assert.Equal(reason, failure.Reason());
        Assert.Equal([failedPermit], ledgerA.Provided.Select(p => p.PermitId));
        Assert.Equal([answeredPermit], ledgerB.Provided.Select(p => p.PermitId));
        Assert.Equal("node-b", answer.NotProvidedReason);
        if (reason == ErrorReasons.PeerUnavailable) Assert.Contains("was not sent to another node", failure.Status.Detail);
    }

    [Fact]
    public async Task A_held_answer_goes_to_a_live_node_of_the_inquirer_with_the_inquirer_as_audience()
    {
        var (provider, _) = await NodeAsync("node-provider");
        var (a, ledgerA) = await NodeAsync("mito-a", Mito);
        var (b, ledgerB) = await NodeAsync("mito-b", Mito);
        await using var hub = await StartAsync(_pki, [new(provider.Address)], [new(a.Address), new(b.Address)]);
        await StopAsync(a);

        var delivered = new List<string>();
        for (var i = 0; i < 4; i++) delivered.Add((await hub.DeliverAsync()).PermitId);

        Assert.Empty(ledgerA.Delivered);
        Assert.Equal(delivered, ledgerB.Delivered.Select(d => d.PermitId));
        Assert.All(ledgerB.Delivered, d => Assert.Equal(Mito, d.Audience));
    }

    [Theory]
    [InlineData("http://127.0.0.1:7100", "", "absolute https URL")]
    [InlineData("https://127.0.0.1:7100", "12345", "Peer")]
    public async Task A_hub_with_a_malformed_node_does_not_start(string url, string peer, string named)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(_pki, [new(url, peer)]));
        Assert.Contains(failure.Failures, f => f.Contains("Institutions:0:Nodes:0") && f.Contains(named));
    }

    [Fact]
    public async Task A_hub_configured_with_the_former_single_endpoint_does_not_start()
    {
        var failure = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => StartAsync(_pki, [],
            settings: new Dictionary<string, string?> { ["Hub:Institutions:0:Endpoint"] = "https://127.0.0.1:7100" }));
        Assert.Contains("InstitutionOptions: 'Endpoint'", failure.InnerException?.Message);
    }

    private async Task<(TestHost Host, NodeLedger Ledger)> NodeAsync(string name, string institution = Hitachinaka)
    {
        var node = await FakeProvisionService.StartAsync(_pki, name, GatewayOf(institution));
        _nodes.Add(node.Host);
        return node;
    }

    private async Task StopAsync(TestHost node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
    }

    // After DisposeAsync (xunit calls both): the nodes are stopped and their files free.
    public void Dispose() => _pki.Dispose();
}
