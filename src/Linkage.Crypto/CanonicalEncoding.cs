using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Linkage.Crypto;

/// <summary>
/// The bytes a chain link hashes, built in one pooled buffer: numbers big-endian, text as length-prefixed UTF-8, so
/// that no two different entries encode alike. The record and operation chains are hashed on their writers' hot
/// paths, so this allocates nothing but the hash it returns.
/// </summary>
internal ref struct CanonicalEncoding
{
    private byte[] _buffer;
    private int _length;

    public CanonicalEncoding(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Int64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void Field(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Ensure(4 + count);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), count);
        _length += 4 + Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
    }

    /// <summary>A small number as its decimal text field, as the chains have always encoded enums.</summary>
    public void Field(int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        Ensure(4 + written);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + Encoding.UTF8.GetBytes(digits[..written], _buffer.AsSpan(_length + 4));
    }

    /// <summary>The SHA-256 of what was written; the buffer goes back to the pool.</summary>
    public byte[] Sha256()
    {
        var hash = SHA256.HashData(_buffer.AsSpan(0, _length));
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        return hash;
    }

    /// <summary>What was written, as a new array (for signing); the buffer goes back to the pool.</summary>
    public byte[] ToArray()
    {
        var bytes = _buffer.AsSpan(0, _length).ToArray();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        return bytes;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
