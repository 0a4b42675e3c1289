using Linkage.Testing;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Tests;

/// <summary>A node's name and its peers' checkpoint keys are checked when the gateway starts: a wrong one stops the start.</summary>
public sealed class NodeSettingsTests
{
    [Theory]
    [InlineData("Node-1")]
    [InlineData("node_1")]
    [InlineData("")]
    [InlineData("a-node-name-that-is-far-too-long-1")]
    public async Task A_gateway_whose_node_name_is_not_one_does_not_start(string node)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayOnTestServer.StartAsync(new Dictionary<string, string?> { ["Gateway:NodeId"] = node }));

        Assert.Contains("NodeId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node-1", "this node")]
    [InlineData("Node-2", "not a node name")]
    public async Task A_peer_key_under_this_nodes_name_or_a_name_that_is_none_stops_the_start(string peer, string said)
    {
        var key = new TestCheckpointKey("peer-key");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            GatewayOnTestServer.StartAsync(key.PeerSettings(peer)));

        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_peer_key_without_its_id_stops_the_start()
    {
        var settings = new TestCheckpointKey("peer-key").PeerSettings("node-2");
        settings["Checkpoints:Peers:node-2:KeyId"] = "";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayOnTestServer.StartAsync(settings));

        Assert.Contains("needs a PublicKey and a KeyId", error.Message, StringComparison.Ordinal);
    }
}
