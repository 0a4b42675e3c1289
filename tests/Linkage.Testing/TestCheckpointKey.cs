using Linkage.Crypto;

namespace Linkage.Testing;

/// <summary>A gateway's checkpoint key for a test, as configuration (the key itself, not a file) and as the hub registers it.</summary>
public sealed class TestCheckpointKey
{
    public const string KeyId = "checkpoint-test-1";

    public TestCheckpointKey() => (PrivateKey, PublicKey) = Ed25519Keys.Generate();

    public byte[] PrivateKey { get; }
    public byte[] PublicKey { get; }

    /// <param name="separator">":" for in-memory configuration, "__" for environment variables.</param>
    public Dictionary<string, string?> GatewaySettings(string separator = ":") => new()
    {
        [$"Checkpoints{separator}Key"] = Convert.ToBase64String(PrivateKey),
        [$"Checkpoints{separator}PublicKey"] = Convert.ToBase64String(PublicKey),
        [$"Checkpoints{separator}KeyId"] = KeyId,
    };

    /// <summary>The hub's registration of this key for member <paramref name="index"/> of Hub:Institutions.</summary>
    public Dictionary<string, string?> HubSettings(int index) => new()
    {
        [$"Hub:Institutions:{index}:CheckpointKey"] = Convert.ToBase64String(PublicKey),
        [$"Hub:Institutions:{index}:CheckpointKeyId"] = KeyId,
    };
}
