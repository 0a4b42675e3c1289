using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkage.Transport;

/// <summary>
/// Our authority's revocation list as the process sees it now: loaded from a PEM file whose signature must verify, and
/// replaced when the file changes, so that a revoked certificate is refused at once without a restart. A changed file
/// that does not verify (half written, another authority's, an older number) is refused and the previous list stays.
/// </summary>
public sealed partial class RevocationList : IDisposable
{
    private static readonly TimeSpan StatInterval = TimeSpan.FromSeconds(1);

    private readonly string? _path;
    private readonly X509Certificate2 _authority;
    private readonly byte[] _issuer;
    private readonly ILogger _logger;
    private readonly Lock _reload = new();
    private IDisposable? _watch;
    private volatile Snapshot _current;
    private long _nextStat;
    private (DateTime Written, long Length) _seen;

    private RevocationList(string? path, X509Certificate2 authority, Snapshot current, ILogger logger)
    {
        _path = path;
        _authority = authority;
        _issuer = authority.SubjectName.RawData;
        _current = current;
        _logger = logger;
    }

    /// <summary>The number of the list in force (0 for <see cref="Empty"/>).</summary>
    public BigInteger Number => _current.Number;

    public DateTimeOffset? NextUpdate => _current.NextUpdate;

    public int Count => _current.Serials.Count;

    /// <summary>Nothing revoked and no file: for material made in memory, which no operator can revoke anyway.</summary>
    public static RevocationList Empty(X509Certificate2 authority) =>
        new(null, authority, Snapshot.Empty, NullLogger.Instance);

    /// <summary>Loads the list; with <paramref name="watch"/>, a watcher on its folder reloads it as soon as it changes.</summary>
    /// <exception cref="CryptographicException">The file is not a revocation list signed by <paramref name="authority"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RevocationList Load(string path, X509Certificate2 authority, ILogger? logger = null, bool watch = false)
    {
        path = Path.GetFullPath(path);
        var seen = Stat(path);
        var document = RevocationListDocument.Read(path, authority);
        var list = new RevocationList(path, authority, Snapshot.Of(document), logger ?? NullLogger.Instance) { _seen = seen };
        list._nextStat = Environment.TickCount64 + (long)StatInterval.TotalMilliseconds;
        LogLoaded(list._logger, document.Number, document.RevokedSerials.Count);
        list.WarnIfStale(document);
        if (watch) list.StartWatching();
        return list;
    }

    /// <summary>
    /// Whether the certificate is on the list. Called on every call, so it allocates nothing: a set lookup by serial,
    /// and at most once a second a look at the file's time and size, in case the watcher missed a change.
    /// </summary>
    public bool Contains(X509Certificate2 certificate)
    {
        if (_path is not null) RefreshIfDue();
        var current = _current;
        return current.Serials.Count > 0
            && certificate.IssuerName.RawData.AsSpan().SequenceEqual(_issuer)
            && current.Lookup.Contains(certificate.SerialNumberBytes.Span);
    }

    /// <summary>Reads the file again if its time or size changed; returns whether a new list is now in force.</summary>
    public bool Refresh()
    {
        if (_path is null) return false;
        lock (_reload) return ReloadLocked();
    }

    private void RefreshIfDue()
    {
        var now = Environment.TickCount64;
        var due = Interlocked.Read(ref _nextStat);
        if (now < due || Interlocked.CompareExchange(ref _nextStat, now + (long)StatInterval.TotalMilliseconds, due) != due) return;
        // One caller a second pays for the look; if a reload is running already, it will bring the news.
        if (!_reload.TryEnter()) return;
        try { ReloadLocked(); }
        finally { _reload.Exit(); }
    }

    private bool ReloadLocked()
    {
        var seen = Stat(_path!);
        if (seen == _seen) return false;
        _seen = seen;
        if (seen.Length < 0)
        {
            LogMissing(_logger, _path!, _current.Number);
            return false;
        }
        RevocationListDocument document;
        try
        {
            document = RevocationListDocument.Read(_path!, _authority);
        }
        catch (Exception error) when (error is CryptographicException or IOException or FormatException or UnauthorizedAccessException)
        {
            LogRefused(_logger, _path!, error.Message, _current.Number);
            return false;
        }
        if (document.Number < _current.Number)
        {
            LogOlder(_logger, _path!, document.Number, _current.Number);
            return false;
        }
        _current = Snapshot.Of(document);
        LogLoaded(_logger, document.Number, document.RevokedSerials.Count);
        WarnIfStale(document);
        return true;
    }

    // One watcher per folder for the process, whoever else watches a file there (every institution of a platform node).
    private void StartWatching() =>
        _watch = SharedFolderWatcher.Subscribe(Path.GetDirectoryName(_path)!, changed =>
        {
            if (string.Equals(changed, _path, StringComparison.Ordinal)) Refresh();
        });

    private void WarnIfStale(RevocationListDocument document)
    {
        if (document.NextUpdate is { } next && next < DateTimeOffset.UtcNow) LogStale(_logger, document.Number, next);
    }

    private static (DateTime Written, long Length) Stat(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1);
    }

    public void Dispose() => _watch?.Dispose();

    private sealed class Snapshot(BigInteger number, DateTimeOffset? nextUpdate, HashSet<byte[]> serials)
    {
        public static readonly Snapshot Empty = new(BigInteger.Zero, null, new HashSet<byte[]>(SerialComparer.Instance));

        public BigInteger Number { get; } = number;
        public DateTimeOffset? NextUpdate { get; } = nextUpdate;
        public HashSet<byte[]> Serials { get; } = serials;
        public HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> Lookup { get; } = serials.GetAlternateLookup<ReadOnlySpan<byte>>();

        public static Snapshot Of(RevocationListDocument document) =>
            new(document.Number, document.NextUpdate, new HashSet<byte[]>(document.RevokedSerials, SerialComparer.Instance));
    }

    /// <summary>Serials by value, and looked up by span so that the hot path needs no array.</summary>
    private sealed class SerialComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly SerialComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] serial) => GetHashCode(serial.AsSpan());
        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }
        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Revocation list number {Number} is in force: {Count} revoked certificates")]
    private static partial void LogLoaded(ILogger logger, BigInteger number, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The changed revocation list {Path} was refused ({Reason}); list number {Current} stays in force")]
    private static partial void LogRefused(ILogger logger, string path, string reason, BigInteger current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation list {Path} is missing; list number {Current} stays in force")]
    private static partial void LogMissing(ILogger logger, string path, BigInteger current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation list {Path} has number {Number}, older than {Current} in force; refused")]
    private static partial void LogOlder(ILogger logger, string path, BigInteger number, BigInteger current);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Revocation list number {Number} was due to be replaced at {NextUpdate}; the authority must sign a new one")]
    private static partial void LogStale(ILogger logger, BigInteger number, DateTimeOffset nextUpdate);
}
