using System.ComponentModel.DataAnnotations;

namespace Linkage.Gateway.Options;

/// <summary>
/// The institution's keys for copies at rest: base64 of 32 bytes each, by key id, from configuration or from a key
/// file of "keyid=base64" lines (the file wins for ids in both). New rows use <see cref="ActiveKeyId"/>.
/// </summary>
public sealed class CopyEncryptionOptions
{
    public const string Section = "CopyEncryption";

    [Required] public string ActiveKeyId { get; set; } = "";

    public Dictionary<string, string> Keys { get; set; } = [];

    public string? KeyFile { get; set; }

    public IReadOnlyDictionary<string, byte[]> LoadKeys()
    {
        var keys = Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value));
        if (!string.IsNullOrEmpty(KeyFile))
            foreach (var line in File.ReadAllLines(KeyFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                var at = line.IndexOf('=');
                if (at <= 0) throw new FormatException($"A line of the key file {KeyFile} is not keyid=base64.");
                keys[line[..at]] = Convert.FromBase64String(line[(at + 1)..]);
            }
        return keys;
    }
}
