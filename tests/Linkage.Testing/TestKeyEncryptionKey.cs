using Linkage.Crypto;
using Linkage.Domain.Codes;

namespace Linkage.Testing;

/// <summary>
/// An institution's key-encryption key for a test, written as the institution hands it to a node: a file
/// <c>INSTITUTION_CODE.kek</c> of mode 0600 in a folder of the test's own.
/// </summary>
public sealed class TestKeyEncryptionKey
{
    public TestKeyEncryptionKey(string folder, string institution)
    {
        Institution = InstitutionCode.Parse(institution);
        Key = KeyEncryptionKey.Generate();
        FilePath = Write(Path.Combine(folder, institution + KeyEncryptionKey.FileExtension), Key);
    }

    public InstitutionCode Institution { get; }
    public KeyEncryptionKey Key { get; }
    public string FilePath { get; }

    /// <param name="separator">":" for in-memory configuration, "__" for environment variables.</param>
    public Dictionary<string, string?> GatewaySettings(string separator = ":") => new()
    {
        [$"InstitutionKeys{separator}KeyFile"] = FilePath,
    };

    /// <summary>Writes <paramref name="key"/> as a key file of mode 0600 (replacing what is there) and returns its path.</summary>
    public static string Write(string path, KeyEncryptionKey key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, key.ToFileText());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
