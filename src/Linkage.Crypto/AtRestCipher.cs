using System.Security.Cryptography;

namespace Linkage.Crypto;

/// <summary>
/// AES-256-GCM for copy values at rest, under keys of the institution. Each ciphertext names its key id so keys
/// can rotate: new rows use the active key, old rows stay readable while their key is in the ring.
/// Layout: nonce (12) | ciphertext | tag (16). The associated data binds a ciphertext to its row.
/// </summary>
public sealed class AtRestCipher
{
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private readonly IReadOnlyDictionary<string, byte[]> _keys;

    public AtRestCipher(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId)
    {
        if (!keys.ContainsKey(activeKeyId))
            throw new ArgumentException($"The active key '{activeKeyId}' is not in the key ring.", nameof(activeKeyId));
        foreach (var (id, key) in keys)
            if (key.Length != 32) throw new ArgumentException($"Key '{id}' must be 32 bytes for AES-256.", nameof(keys));
        _keys = keys;
        ActiveKeyId = activeKeyId;
    }

    public string ActiveKeyId { get; }

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[NonceLength + plaintext.Length + TagLength];
        var nonce = output.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[ActiveKeyId], TagLength);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceLength, plaintext.Length), output.AsSpan(NonceLength + plaintext.Length), associatedData);
        return output;
    }

    /// <summary>
    /// An encryptor under the active key for one thread's run of many values (the bulk copy path): the AES key
    /// schedule is computed once instead of once per value. Not thread-safe; dispose it after the run.
    /// </summary>
    public Sealer CreateSealer() => new(new AesGcm(_keys[ActiveKeyId], TagLength));

    public sealed class Sealer(AesGcm aes) : IDisposable
    {
        public byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
        {
            var output = new byte[NonceLength + plaintext.Length + TagLength];
            var nonce = output.AsSpan(0, NonceLength);
            RandomNumberGenerator.Fill(nonce);
            aes.Encrypt(nonce, plaintext, output.AsSpan(NonceLength, plaintext.Length), output.AsSpan(NonceLength + plaintext.Length), associatedData);
            return output;
        }

        public void Dispose() => aes.Dispose();
    }

    public byte[] Decrypt(string keyId, ReadOnlySpan<byte> stored, ReadOnlySpan<byte> associatedData)
    {
        if (!_keys.TryGetValue(keyId, out var key))
            throw new CryptographicException($"The key '{keyId}' of this row is not in the key ring.");
        if (stored.Length < NonceLength + TagLength)
            throw new CryptographicException("The stored value is too short to be a ciphertext.");
        var length = stored.Length - NonceLength - TagLength;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(stored[..NonceLength], stored.Slice(NonceLength, length), stored[(NonceLength + length)..], plaintext, associatedData);
        return plaintext;
    }
}
