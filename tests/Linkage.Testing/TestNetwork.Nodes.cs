using Linkage.Domain.Chains;

namespace Linkage.Testing;

/// <summary>
/// A second gateway node of Hitachinaka on the same database (PostgreSQL: one schema shared by both nodes), with a
/// checkpoint key of its own that the hub and the first node know. Started only by the tests of two nodes.
/// </summary>
public sealed partial class TestNetwork
{
    public const string FirstNode = NodeName.Default;
    public const string SecondNode = "node-2";

    /// <summary>The second node's checkpoint key, registered at the hub beside the first node's.</summary>
    public TestCheckpointKey SecondHitachiNodeKey { get; } = new("checkpoint-test-node-2");

    /// <summary>Hitachinaka's second gateway node, once <see cref="StartSecondHitachiNodeAsync"/> started it.</summary>
    public TestHost? SecondHitachiNode { get; private set; }

    /// <summary>Starts Hitachinaka's second node on the first node's database, and waits until it serves.</summary>
    public async Task<TestHost> StartSecondHitachiNodeAsync()
    {
        var (name, institution, _, hubPort) = _gateways[Hitachi];
        SecondHitachiNode = await StartGatewayHostAsync(name, institution, Ports.Free(), hubPort, node: SecondNode);
        await WaitUntilServingAsync(SecondHitachiNode);
        return SecondHitachiNode;
    }

    /// <summary>Which node a gateway is, its own checkpoint key, and the other node's key that it verifies with.</summary>
    private Dictionary<string, string?> NodeSettings(string institution, string node)
    {
        if (institution != Hitachinaka) return CheckpointKeys[institution].GatewaySettings();
        var settings = node == FirstNode
            ? CheckpointKeys[Hitachinaka].GatewaySettings().With(SecondHitachiNodeKey.PeerSettings(SecondNode))
            : SecondHitachiNodeKey.GatewaySettings().With(CheckpointKeys[Hitachinaka].PeerSettings(FirstNode));
        settings["Gateway:NodeId"] = node;
        foreach (var (key, value) in _hitachiSettings) settings[key] = value;
        return settings;
    }
}
