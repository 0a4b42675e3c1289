using System.Security.Cryptography;
using System.Text;

namespace Linkage.Crypto.Tests;

public sealed class AtRestCipherTests
{
    private static readonly byte[] Value = Encoding.UTF8.GetBytes("[[\"9N001000000000001\",\"158.2\"]]");
    private static readonly byte[] Row = Encoding.UTF8.GetBytes("row-1");

    [Fact]
    public void A_value_round_trips_and_is_not_visible_in_the_ciphertext()
    {
        var cipher = new AtRestCipher(new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }, "k1");
        var stored = cipher.Encrypt(Value, Row);
        Assert.True(stored.AsSpan().IndexOf("158.2"u8) < 0);
        Assert.Equal(Value, cipher.Decrypt("k1", stored, Row));
    }

    [Fact]
    public void Rows_written_under_an_old_key_stay_readable_after_rotation()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var stored = new AtRestCipher(new Dictionary<string, byte[]> { ["k1"] = oldKey }, "k1").Encrypt(Value, Row);
        var rotated = new AtRestCipher(new Dictionary<string, byte[]> { ["k1"] = oldKey, ["k2"] = RandomNumberGenerator.GetBytes(32) }, "k2");
        Assert.Equal("k2", rotated.ActiveKeyId);
        Assert.Equal(Value, rotated.Decrypt("k1", stored, Row));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_row_or_read_without_its_key_fails()
    {
        var cipher = new AtRestCipher(new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }, "k1");
        var stored = cipher.Encrypt(Value, Row);
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt("k1", stored, Encoding.UTF8.GetBytes("row-2")));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt("k9", stored, Row));
    }

    [Fact]
    public void Values_sealed_in_bulk_open_with_Decrypt_each_under_a_nonce_of_its_own()
    {
        var cipher = new AtRestCipher(new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }, "k1");
        var nonces = new HashSet<string>();
        using var sealer = cipher.CreateSealer();
        for (var i = 0; i < 600; i++) // more than one draw of the sealer's nonces
        {
            var stored = new byte[AtRestCipher.SealedLength(Value.Length)];
            Assert.Equal(stored.Length, sealer.Encrypt(Value, Row, stored));
            Assert.Equal(Value, cipher.Decrypt("k1", stored, Row));
            Assert.True(nonces.Add(Convert.ToHexString(stored, 0, 12)));
        }
        var moved = new byte[AtRestCipher.SealedLength(Value.Length)];
        sealer.Encrypt(Value, Row, moved);
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt("k1", moved, Encoding.UTF8.GetBytes("row-2")));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(1, 0)]
    [InlineData(15, 5)]
    [InlineData(16, 5)]
    [InlineData(17, 0)]
    [InlineData(4096, 5)]
    public void Values_of_any_length_sealed_in_bulk_open_with_Decrypt(int length, int associatedLength)
    {
        // The bulk sealer may run in libsodium while Decrypt always runs in .NET: the edges must agree too.
        var cipher = new AtRestCipher(new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }, "k1");
        var value = RandomNumberGenerator.GetBytes(length);
        var associated = RandomNumberGenerator.GetBytes(associatedLength);
        using var sealer = cipher.CreateSealer();
        var stored = new byte[AtRestCipher.SealedLength(length)];

        sealer.Encrypt(value, associated, stored);

        Assert.Equal(value, cipher.Decrypt("k1", stored, associated));
    }

    [Fact]
    public void Keys_are_checked_when_the_cipher_is_made()
    {
        Assert.Throws<ArgumentException>(() => new AtRestCipher(new Dictionary<string, byte[]> { ["k1"] = new byte[16] }, "k1"));
        Assert.Throws<ArgumentException>(() => new AtRestCipher(new Dictionary<string, byte[]> { ["k1"] = new byte[32] }, "k2"));
    }
}
