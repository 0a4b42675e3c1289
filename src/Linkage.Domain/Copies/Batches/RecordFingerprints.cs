using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Copies.Batches;

/// <summary>
/// The records a batch has seen, for its duplicate check, in a table whose size is bounded: each record is kept as
/// 16 bytes of the SHA-256 of its person, information name and record key, in an open-addressing table that doubles
/// while it stays within the bound and refuses (DUPLICATE_CHECK_FULL) rather than grow past it. Nothing else of a
/// record is held, so the memory is the table's alone whatever the record keys are. Two different records share a
/// fingerprint with a probability near n²/2¹²⁹ (10⁻²⁵ for ten million), and a cryptographic hash means no sender can
/// make them collide, or crowd one part of the table, on purpose.
/// </summary>
public sealed class RecordFingerprints
{
    public const int BytesPerSlot = 16;
    private const int InitialSlots = 1 << 13;

    private readonly int _maxSlots;
    private UInt128[] _slots;
    private int _count;

    public RecordFingerprints(long maxBytes)
    {
        var slots = Math.Clamp(maxBytes / BytesPerSlot, 4, 1 << 30);
        _maxSlots = 1 << BitOperations.Log2((ulong)slots); // the largest power of two within the bound
        _slots = new UInt128[Math.Min(InitialSlots, _maxSlots)];
    }

    /// <summary>How many records the check can hold at its bound: three quarters of the table's slots.</summary>
    public int Capacity => MaxLoad(_maxSlots);

    public int Count => _count;

    /// <summary>The table's memory now.</summary>
    public long Bytes => (long)_slots.Length * BytesPerSlot;

    /// <summary>True for a record not seen before in this batch, false for a duplicate.</summary>
    /// <exception cref="DomainException">RESOURCE_EXHAUSTED: a new record and the check is at its bound.</exception>
    public bool Add(ProvisionCopy copy)
    {
        var fingerprint = Of(copy);
        var slot = Find(_slots, fingerprint);
        if (_slots[slot] == fingerprint) return false;
        if (_count >= MaxLoad(_slots.Length))
        {
            if (_slots.Length >= _maxSlots)
                throw new DomainException(ErrorKind.ResourceExhausted, ErrorReasons.DuplicateCheckFull,
                    $"This batch has more distinct records than its duplicate check holds ({Capacity:N0}); send it as smaller batches.");
            Grow();
            slot = Find(_slots, fingerprint);
        }
        _slots[slot] = fingerprint;
        _count++;
        return true;
    }

    private static int MaxLoad(int slots) => slots / 4 * 3;

    // Linear probing: the slot holding this fingerprint, or the empty one where it belongs.
    private static int Find(UInt128[] slots, UInt128 fingerprint)
    {
        var mask = slots.Length - 1;
        var slot = (int)((ulong)fingerprint & (ulong)mask);
        while (slots[slot] != UInt128.Zero && slots[slot] != fingerprint) slot = (slot + 1) & mask;
        return slot;
    }

    private void Grow()
    {
        var larger = new UInt128[_slots.Length * 2];
        foreach (var fingerprint in _slots)
            if (fingerprint != UInt128.Zero) larger[Find(larger, fingerprint)] = fingerprint;
        _slots = larger;
    }

    private static UInt128 Of(ProvisionCopy copy)
    {
        // Codes and record key are validated ASCII of bounded length (15 + 16 + 64), separated so that no two
        // records spell the same bytes.
        Span<byte> text = stackalloc byte[128];
        var length = Encoding.ASCII.GetBytes(copy.Person.Value, text);
        text[length++] = (byte)'|';
        length += Encoding.ASCII.GetBytes(copy.InformationName.Value, text[length..]);
        text[length++] = (byte)'|';
        length += Encoding.ASCII.GetBytes(copy.RecordKey, text[length..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(text[..length], hash);
        var fingerprint = BinaryPrimitives.ReadUInt128LittleEndian(hash);
        return fingerprint == UInt128.Zero ? UInt128.One : fingerprint; // zero marks an empty slot
    }
}
