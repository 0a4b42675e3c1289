using System.Security.Cryptography;
using Linkage.Domain.Codes;

namespace Linkage.Crypto.Tests;

public sealed class KeyEncryptionKeyTests : IDisposable
{
    private static readonly InstitutionCode Hitachinaka = InstitutionCode.Parse("1000082210000000");
    private static readonly InstitutionCode Mito = InstitutionCode.Parse("1000082015000000");
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-kek-").FullName;

    [Fact]
    public void A_wrapped_data_key_opens_with_its_key_encryption_key_and_holds_no_byte_run_of_it()
    {
        var kek = KeyEncryptionKey.Generate();
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = kek.Wrap(Hitachinaka, "dk-1", dataKey);
        Assert.Equal(12 + 32 + 16, wrapped.Length);
        Assert.True(wrapped.AsSpan().IndexOf(dataKey.AsSpan(0, 8)) < 0);
        Assert.Equal(dataKey, kek.Unwrap(Hitachinaka, "dk-1", wrapped));
        // A fresh nonce each time: the same key wraps differently.
        Assert.NotEqual(wrapped, kek.Wrap(Hitachinaka, "dk-1", dataKey));
    }

    [Fact]
    public void Another_key_encryption_key_is_refused()
    {
        var wrapped = KeyEncryptionKey.Generate().Wrap(Hitachinaka, "dk-1", RandomNumberGenerator.GetBytes(32));
        var error = Assert.Throws<CryptographicException>(() => KeyEncryptionKey.Generate().Unwrap(Hitachinaka, "dk-1", wrapped));
        Assert.Contains("another key", error.Message);
    }

    [Fact]
    public void A_wrapped_key_is_bound_to_its_institution_and_key_id_and_to_every_byte()
    {
        var kek = KeyEncryptionKey.Generate();
        var wrapped = kek.Wrap(Hitachinaka, "dk-1", RandomNumberGenerator.GetBytes(32));
        Assert.Throws<CryptographicException>(() => kek.Unwrap(Mito, "dk-1", wrapped));
        Assert.Throws<CryptographicException>(() => kek.Unwrap(Hitachinaka, "dk-2", wrapped));
        for (var i = 0; i < wrapped.Length; i++)
        {
            var altered = wrapped.ToArray();
            altered[i] ^= 0x40;
            Assert.Throws<CryptographicException>(() => kek.Unwrap(Hitachinaka, "dk-1", altered));
        }
        Assert.Throws<CryptographicException>(() => kek.Unwrap(Hitachinaka, "dk-1", wrapped.AsSpan(0, 27)));
    }

    [Fact]
    public void The_rfc_8439_example_holds_in_both_implementations_and_libsodium_serves_here()
    {
        Assert.True(KeyWrapAead.IsNative, "libsodium should load on Linux x64");
        Assert.True(KeyWrapAead.Rfc8439ExampleHolds(native: true));
        Assert.True(KeyWrapAead.Rfc8439ExampleHolds(native: false));
    }

    [Fact]
    public void Native_and_managed_implementations_agree_and_open_each_other()
    {
        for (var length = 0; length < 70; length += 7)
        {
            var key = RandomNumberGenerator.GetBytes(32);
            var nonce = RandomNumberGenerator.GetBytes(12);
            var plaintext = RandomNumberGenerator.GetBytes(length);
            var associated = RandomNumberGenerator.GetBytes(length % 40);
            var native = new byte[length + 16];
            var managed = new byte[length + 16];
            KeyWrapAead.NativeSeal(key, nonce, plaintext, associated, native);
            KeyWrapAead.ManagedSeal(key, nonce, plaintext, associated, managed);
            Assert.Equal(managed, native);
            var opened = new byte[length];
            Assert.True(KeyWrapAead.ManagedOpen(key, nonce, native, associated, opened));
            Assert.Equal(plaintext, opened);
            managed[^1] ^= 1;
            Assert.False(KeyWrapAead.NativeOpen(key, nonce, managed, associated, opened));
        }
    }

    [Fact]
    public void A_key_file_readable_by_others_is_refused_and_one_of_0600_is_read()
    {
        var kek = KeyEncryptionKey.Generate();
        var path = Path.Combine(_folder, "1000082210000000.kek");
        File.WriteAllText(path, kek.ToFileText());
        SetMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var error = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.ReadFile(path));
        Assert.Contains("0600", error.Message);
        Assert.Contains(path, error.Message);

        SetMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var wrapped = kek.Wrap(Hitachinaka, "dk-1", new byte[32]);
        Assert.Equal(new byte[32], KeyEncryptionKey.ReadFile(path).Unwrap(Hitachinaka, "dk-1", wrapped));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    public void A_key_file_without_a_32_byte_key_is_refused_without_showing_its_content(string content)
    {
        var path = Path.Combine(_folder, "bad.kek");
        File.WriteAllText(path, content);
        SetMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var error = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.ReadFile(path));
        Assert.DoesNotContain(content, error.Message);
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
