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

    [Range(1, 1_000_000)] public int Every { get; set; } = 1_000;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the chains' heads are looked at; a checkpoint comes at most this long after its N-th entry.</summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:01:00")] public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(1);

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
