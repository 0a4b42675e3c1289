using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Linkage.Crypto;

/// <summary>
/// AES-256-GCM for copy values at rest, under keys of the institution. Each ciphertext names its key id so keys
/// can rotate: new rows use the active key, old rows stay readable while their key is in the ring.
/// Layout: nonce (12) | ciphertext | tag (16). The associated data binds a ciphertext to its row.
/// </summary>
public sealed partial class AtRestCipher
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

    /// <summary>Bytes that <see cref="Sealer.Encrypt(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> writes for a plaintext of this length.</summary>
    public static int SealedLength(int plaintextLength) => NonceLength + plaintextLength + TagLength;

    /// <summary>
    /// An encryptor under the active key for one thread's run of many values (the bulk copy path): the AES key
    /// schedule is computed once instead of once per value. Not thread-safe; dispose it after the run.
    /// </summary>
    public Sealer CreateSealer() => new(_keys[ActiveKeyId]);

    /// <summary>
    /// Runs in libsodium where it has AES-256-GCM and agrees with .NET's (see <see cref="SodiumGcm"/>), else in .NET's
    /// <see cref="AesGcm"/>. Both write the same standard AES-256-GCM, which <see cref="Decrypt"/> opens either way.
    /// </summary>
    public sealed class Sealer : IDisposable
    {
        // Nonces stay 96 random bits each, as in Encrypt above; they are drawn from the system generator a few
        // hundred at a time because one call per 12 bytes cost as much as the AES-GCM of a whole copy.
        private readonly byte[] _nonces = new byte[NonceLength * 256];
        private readonly SodiumGcm? _sodium;
        private readonly AesGcm? _aes;
        private int _nextNonce = int.MaxValue;

        internal Sealer(byte[] key)
        {
            if (SodiumGcm.IsAvailable) _sodium = SodiumGcm.Create(key);
            else _aes = new AesGcm(key, TagLength);
        }

        /// <summary>Writes nonce | ciphertext | tag into <paramref name="destination"/>; returns the bytes written.</summary>
        public int Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
        {
            var length = SealedLength(plaintext.Length);
            if (destination.Length < length) throw new ArgumentException("The destination is too short.", nameof(destination));
            if (_nextNonce > _nonces.Length - NonceLength)
            {
                RandomNumberGenerator.Fill(_nonces);
                _nextNonce = 0;
            }
            var nonce = destination[..NonceLength];
            _nonces.AsSpan(_nextNonce, NonceLength).CopyTo(nonce);
            _nextNonce += NonceLength;
            if (_sodium is not null) _sodium.Encrypt(nonce, plaintext, associatedData, destination[NonceLength..length]);
            else _aes!.Encrypt(nonce, plaintext, destination.Slice(NonceLength, plaintext.Length),
                destination.Slice(NonceLength + plaintext.Length, TagLength), associatedData);
            return length;
        }

        public void Dispose()
        {
            _sodium?.Dispose();
            _aes?.Dispose();
        }
    }

    /// <summary>
    /// libsodium's AES-256-GCM with the key expanded once into its state: one native call per value, where .NET's
    /// <see cref="AesGcm"/> makes several into OpenSSL; measured on this project's machines, 0.12 µs against 0.73 µs for
    /// a copy's 230 bytes, which made it the largest single cost of sealing a bulk load. Used only where libsodium loads,
    /// the CPU has the instructions it needs, and its output equals .NET's for the same key, nonce and data.
    /// </summary>
    private sealed unsafe partial class SodiumGcm : SafeHandle
    {
        private const string Library = "libsodium";

        public static readonly bool IsAvailable = Initialize();

        private static nuint _stateBytes;

        private SodiumGcm() : base(IntPtr.Zero, ownsHandle: true)
        {
        }

        public override bool IsInvalid => handle == IntPtr.Zero;

        public static SodiumGcm Create(ReadOnlySpan<byte> key)
        {
            var state = new SodiumGcm();
            state.SetHandle((IntPtr)NativeMemory.AlignedAlloc(_stateBytes, 16));
            fixed (byte* k = key)
                if (key.Length != 32 || crypto_aead_aes256gcm_beforenm((byte*)state.handle, k) != 0)
                {
                    state.Dispose();
                    throw new CryptographicException("libsodium refused the key.");
                }
            return state;
        }

        /// <summary>Writes the ciphertext followed by the tag, as libsodium's combined form does.</summary>
        public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> output)
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            if (nonce.Length != NonceLength || output.Length != plaintext.Length + TagLength)
                throw new ArgumentException("Nonce or output of the wrong length.");
            ulong written;
            fixed (byte* c = output, m = plaintext, a = associatedData, n = nonce)
                if (crypto_aead_aes256gcm_encrypt_afternm(c, &written, m, (ulong)plaintext.Length, a, (ulong)associatedData.Length, null, n,
                        (byte*)handle) != 0)
                    throw new CryptographicException("libsodium refused to encrypt.");
        }

        protected override bool ReleaseHandle()
        {
            // The state holds the expanded key.
            NativeMemory.Clear((void*)handle, _stateBytes);
            NativeMemory.AlignedFree((void*)handle);
            return true;
        }

        private static bool Initialize()
        {
            try
            {
                if (!Sodium.IsAvailable || crypto_aead_aes256gcm_is_available() != 1) return false;
                _stateBytes = crypto_aead_aes256gcm_statebytes();
                return AgreesWithDotNet();
            }
            catch (Exception)
            {
                // Whatever went wrong, .NET's AesGcm serves; an escape here would fail the type initialiser.
                return false;
            }
        }

        // Decryption always goes through .NET, so a sealer that disagreed would write copies nobody can read: check the
        // edges (empty input, block boundaries, no associated data, a long value) before trusting it.
        private static readonly (int Plaintext, int Associated)[] AgreementCases =
            [(0, 0), (0, 45), (1, 0), (15, 45), (16, 45), (17, 0), (301, 45), (4096, 45)];

        private static bool AgreesWithDotNet()
        {
            var key = RandomNumberGenerator.GetBytes(32);
            using var aes = new AesGcm(key, TagLength);
            using var state = Create(key);
            foreach (var (plaintextLength, associatedLength) in AgreementCases)
            {
                var nonce = RandomNumberGenerator.GetBytes(NonceLength);
                var plaintext = RandomNumberGenerator.GetBytes(plaintextLength);
                var associated = RandomNumberGenerator.GetBytes(associatedLength);
                var expected = new byte[plaintext.Length + TagLength];
                aes.Encrypt(nonce, plaintext, expected.AsSpan(0, plaintext.Length), expected.AsSpan(plaintext.Length), associated);
                var actual = new byte[expected.Length];
                state.Encrypt(nonce, plaintext, associated, actual);
                if (!actual.AsSpan().SequenceEqual(expected)) return false;
            }
            return true;
        }

        [LibraryImport(Library)] private static partial int crypto_aead_aes256gcm_is_available();
        [LibraryImport(Library)] private static partial nuint crypto_aead_aes256gcm_statebytes();
        [LibraryImport(Library)] private static partial int crypto_aead_aes256gcm_beforenm(byte* state, byte* key);
        [LibraryImport(Library)]
        private static partial int crypto_aead_aes256gcm_encrypt_afternm(byte* c, ulong* clen, byte* m, ulong mlen, byte* ad, ulong adlen,
            byte* nsec, byte* npub, byte* state);
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
