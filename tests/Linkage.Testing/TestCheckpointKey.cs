using Linkage.Crypto;

namespace Linkage.Testing;

/// <summary>A gateway's checkpoint key for a test, as configuration (the key itself, not a file) and as the hub registers it.</summary>
public sealed class TestCheckpointKey
{
    public const string KeyId = "checkpoint-test-1";

    /// <param name="id">The key's id: each gateway node of an institution has a key of its own.</param>
    public TestCheckpointKey(string id = KeyId)
    {
        (PrivateKey, PublicKey) = Ed25519Keys.Generate();
        Id = id;
    }

    public string Id { get; }
    public byte[] PrivateKey { get; }
    public byte[] PublicKey { get; }

    /// <param name="separator">":" for in-memory configuration, "__" for environment variables.</param>
    public Dictionary<string, string?> GatewaySettings(string separator = ":") => new()
    {
        [$"Checkpoints{separator}Key"] = Convert.ToBase64String(PrivateKey),
        [$"Checkpoints{separator}PublicKey"] = Convert.ToBase64String(PublicKey),
        [$"Checkpoints{separator}KeyId"] = Id,
    };

    /// <summary>This key as another node of the institution knows it (Checkpoints:Peers:<paramref name="node"/>).</summary>
    public Dictionary<string, string?> PeerSettings(string node, string separator = ":") => new()
    {
        [$"Checkpoints{separator}Peers{separator}{node}{separator}PublicKey"] = Convert.ToBase64String(PublicKey),
        [$"Checkpoints{separator}Peers{separator}{node}{separator}KeyId"] = Id,
    };

    /// <summary>The hub's registration of this key for member <paramref name="index"/> of Hub:Institutions.</summary>
    public Dictionary<string, string?> HubSettings(int index) => new()
    {
        [$"Hub:Institutions:{index}:CheckpointKey"] = Convert.ToBase64String(PublicKey),
        [$"Hub:Institutions:{index}:CheckpointKeyId"] = Id,
    };

    /// <summary>The hub's registration of this key as another node's of member <paramref name="index"/> (its CheckpointKeys).</summary>
    public Dictionary<string, string?> HubNodeSettings(int index, int slot) => new()
    {
        [$"Hub:Institutions:{index}:CheckpointKeys:{slot}:PublicKey"] = Convert.ToBase64String(PublicKey),
        [$"Hub:Institutions:{index}:CheckpointKeys:{slot}:KeyId"] = Id,
    };
}
