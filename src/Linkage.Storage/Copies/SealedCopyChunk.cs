using System.Buffers;
using Linkage.Domain.Copies;
using Linkage.Domain.Copies.Batches;

namespace Linkage.Storage.Copies;

/// <summary>
/// The bulk writer's chunk: each copy is sealed as it is added, and only its row's keys and payload are kept.
/// The payloads lie side by side in a few pooled megabyte arrays and the rows in one pooled table: an array per
/// payload would be thousands of objects per chunk living until the write, long enough for the collector to copy them,
/// and a table of this size would be a new large object for every chunk. All of it goes back to the pools on
/// <see cref="Dispose"/>. Filled by one thread, then written by another once the filling thread handed it over.
/// </summary>
internal sealed class SealedCopyChunk : PreparedCopyChunk
{
    private const int SegmentBytes = 1 << 20;

    private readonly string _institution;
    private readonly CopyPayloadCodec.BulkSealer _sealer;
    private readonly List<byte[]> _segments = [];
    private Row[] _rows;
    private byte[] _segment = [];
    private int _used;
    private int _count;
    private bool _disposed;

    public SealedCopyChunk(CopyPayloadCodec codec, string institution, int capacity)
    {
        _institution = institution;
        KeyId = codec.ActiveKeyId;
        _sealer = codec.CreateBulkSealer();
        _rows = ArrayPool<Row>.Shared.Rent(Math.Max(capacity, 1));
    }

    /// <summary>The key every payload of this chunk is sealed with.</summary>
    public string KeyId { get; }

    public override int Count => _count;

    public override (string RecordKey, int Version) this[int index] => (_rows[index].RecordKey, _rows[index].Version);

    public ref readonly Row RowAt(int index) => ref _rows[index];

    public ReadOnlySpan<byte> PayloadAt(int index) => _segments[_rows[index].Segment].AsSpan(_rows[index].Offset, _rows[index].Length);

    public override void Add(ProvisionCopy copy)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var length = _sealer.Encode(copy.Items);
        if (_segment.Length - _used < length)
        {
            _segment = ArrayPool<byte>.Shared.Rent(Math.Max(SegmentBytes, length));
            _segments.Add(_segment);
            _used = 0;
        }
        var written = _sealer.Seal(_segment.AsSpan(_used, length), _institution, copy.Person.Value, copy.InformationName.Value,
            copy.RecordKey, copy.Version);
        if (_count == _rows.Length)
        {
            var larger = ArrayPool<Row>.Shared.Rent(_rows.Length * 2);
            _rows.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<Row>.Shared.Return(_rows, clearArray: true);
            _rows = larger;
        }
        _rows[_count++] = new Row(copy.Person.Value, copy.InformationName.Value, copy.RecordKey, copy.Version, copy.ValidFrom, copy.ValidTo,
            _segments.Count - 1, _used, written);
        _used += written;
    }

    public override void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _sealer.Dispose();
        foreach (var segment in _segments) ArrayPool<byte>.Shared.Return(segment);
        _segments.Clear();
        ArrayPool<Row>.Shared.Return(_rows, clearArray: true);
        _rows = [];
    }

    /// <summary>One sealed copy: the columns of its row, and where its payload lies.</summary>
    internal readonly record struct Row(string Person, string Name, string RecordKey, int Version, DateOnly ValidFrom, DateOnly? ValidTo,
        int Segment, int Offset, int Length);
}
