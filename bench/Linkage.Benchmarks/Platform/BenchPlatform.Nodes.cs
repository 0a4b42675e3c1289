using Linkage.Testing;

namespace Linkage.Benchmarks.Platform;

/// <summary>
/// The measured institution's two gateway nodes on its one schema (ADR 0017), as platform node processes of their own:
/// each with its own node name, record chains and checkpoint key, and the other's key among its peers, so that either
/// verifies both chains. The first node has the name and key of the in-process node that seeded the residents.
/// </summary>
internal sealed partial class BenchPlatform
{
    public const string SecondNodeId = "bench-node-2";

    /// <summary>The second node's checkpoint key; the hub knows it beside the first node's.</summary>
    public TestCheckpointKey SecondNodeKey { get; } = new("checkpoint-bench-node-2");

    /// <summary>The configuration of a node process serving the measured institution alone, as environment variables.</summary>
    public Dictionary<string, string?> NodeProcessEnvironment(string nodeId, int port)
    {
        if (nodeId is not (NodeId or SecondNodeId)) throw new ArgumentException($"{nodeId} is neither {NodeId} nor {SecondNodeId}.", nameof(nodeId));
        var settings = NodeSettings(1, nodeId);
        var (own, peer, peerId) = nodeId == NodeId
            ? (_checkpointKeys[Measured], SecondNodeKey, SecondNodeId)
            : (SecondNodeKey, _checkpointKeys[Measured], NodeId);
        foreach (var (key, value) in own.GatewaySettings().With(peer.PeerSettings(peerId)))
            settings[$"Platform:Institutions:0:Settings:{key}"] = value;
        settings["Urls"] = $"https://127.0.0.1:{port}";
        return settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
    }
}
