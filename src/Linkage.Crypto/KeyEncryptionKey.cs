using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Codes;

namespace Linkage.Crypto;

/// <summary>
/// An institution's key-encryption key: 32 bytes that the institution keeps and hands to the node in a file, never to
/// the database or the configuration. It wraps the institution's data keys (<see cref="KeyWrapAead"/>), bound to the
/// institution and the key id, so the database holds them only wrapped and a wrapped key moved to another institution
/// or id does not open.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const int Length = KeyWrapAead.KeyLength;

    /// <summary>What a key file is called in a directory of them (<c>InstitutionKeys:Directory</c>).</summary>
    public const string FileExtension = ".kek";

    private readonly byte[] _key;

    public KeyEncryptionKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != Length) throw new ArgumentException($"A key-encryption key is {Length} bytes.", nameof(key));
        _key = key.ToArray();
    }

    public static KeyEncryptionKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>The content of a key file for this key: its base64 on one line.</summary>
    public string ToFileText() => Convert.ToBase64String(_key) + "\n";

    public byte[] Wrap(InstitutionCode institution, string keyId, ReadOnlySpan<byte> dataKey) =>
        KeyWrapAead.Seal(_key, dataKey, Binding(institution, keyId));

    /// <summary>Throws <see cref="CryptographicException"/> for a key wrapped by another key-encryption key, or altered.</summary>
    public byte[] Unwrap(InstitutionCode institution, string keyId, ReadOnlySpan<byte> wrapped) =>
        KeyWrapAead.Open(_key, wrapped, Binding(institution, keyId));

    /// <summary>
    /// Reads a key file: refused unless only its owner may read it (0600 or 0400), and unless it holds the base64 of
    /// 32 bytes. The messages name the file, never its content.
    /// </summary>
    public static KeyEncryptionKey ReadFile(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & others) != 0)
                throw new InvalidOperationException(
                    $"The key-encryption key file {path} is open to others (mode {Convert.ToString((int)mode, 8)}); make it mode 0600.");
        }
        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The key-encryption key file {path} does not hold a key in base64.");
        }
        if (key.Length != Length)
            throw new InvalidOperationException($"The key-encryption key file {path} does not hold a {Length}-byte key.");
        try
        {
            return new KeyEncryptionKey(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] Binding(InstitutionCode institution, string keyId) =>
        Encoding.UTF8.GetBytes($"linkage-data-key|{institution.Value}|{keyId}");
}
