namespace Linkage.Gateway.Options;

/// <summary>Another gateway node's checkpoint public key (base64 of 32 bytes) and its id, as registered at the hub.</summary>
public sealed class PeerCheckpointKey
{
    public string PublicKey { get; set; } = "";

    public string KeyId { get; set; } = "";
}
