using System.ComponentModel.DataAnnotations;

namespace Linkage.Gateway.Options;

/// <summary>
/// This gateway's checkpoint key (Ed25519; the private key from a file of mode 0600 or, in tests, configuration; the
/// public key registered at the hub) and when its chains are sealed: every <see cref="Every"/> entries or
/// <see cref="Interval"/>, whichever comes first, and at graceful shutdown.
/// </summary>
public sealed class CheckpointOptions
{
    public const string Section = "Checkpoints";

    /// <summary>A file holding the base64 private key; readable by the gateway's user alone.</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>The base64 private key itself, where no file is used (tests).</summary>
    public string Key { get; set; } = "";

    /// <summary>The base64 public key, as registered at the hub: the gateway refuses to start with a key that is not its pair.</summary>
    [Required] public string PublicKey { get; set; } = "";

    [Required] public string KeyId { get; set; } = "";

    /// <summary>
    /// The checkpoint public keys of the institution's other gateway nodes, by node name (Checkpoints:Peers:node-2:PublicKey
    /// and :KeyId): each node seals its own chains with its own key, and any node verifies all of them. A node's chain
    /// whose node has no key here cannot verify its checkpoints.
    /// </summary>
    public Dictionary<string, PeerCheckpointKey> Peers { get; set; } = [];

    [Range(1, 1_000_000)] public int Every { get; set; } = 1_000;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the chains' heads are looked at; a checkpoint comes at most this long after its N-th entry.</summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:01:00")] public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Every node's public key by node name, this node's included; refuses a malformed or contradictory entry.</summary>
    public Dictionary<string, Crypto.Ed25519SignatureVerifier> NodeKeys(string ownNode)
    {
        var keys = new Dictionary<string, Crypto.Ed25519SignatureVerifier>(StringComparer.Ordinal)
        {
            [ownNode] = new(Convert.FromBase64String(PublicKey), KeyId),
        };
        foreach (var (node, peer) in Peers)
        {
            if (!Domain.Chains.NodeName.IsValid(node))
                throw new InvalidOperationException($"Checkpoints:Peers names a node '{node}' that is not a node name (1 to 32 of a-z, 0-9, '-').");
            if (node == ownNode)
                throw new InvalidOperationException($"Checkpoints:Peers names this node ({node}); its key is Checkpoints:PublicKey.");
            if (peer.PublicKey.Length == 0 || peer.KeyId.Length == 0)
                throw new InvalidOperationException($"Checkpoints:Peers:{node} needs a PublicKey and a KeyId.");
            keys[node] = new Crypto.Ed25519SignatureVerifier(Convert.FromBase64String(peer.PublicKey), peer.KeyId);
        }
        return keys;
    }

    public byte[] LoadPrivateKey()
    {
        if (KeyFile.Length == 0)
            return Key.Length > 0 ? Convert.FromBase64String(Key)
                : throw new InvalidOperationException("Checkpoints:KeyFile (or Checkpoints:Key) must name this gateway's checkpoint key.");
        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(KeyFile) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            throw new InvalidOperationException($"The checkpoint key file {KeyFile} is readable by others; make it mode 0600.");
        return Convert.FromBase64String(File.ReadAllText(KeyFile).Trim());
    }
}
