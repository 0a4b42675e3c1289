using Linkage.Domain.Symbols;

namespace Linkage.Gateway.Symbols;

/// <summary>
/// Progress of symbol batches in the log, for operators watching an initial load. Counts and reasons only: never an
/// internal address number, symbol or acquisition number.
/// </summary>
public sealed partial class SymbolBatchLog(ILogger<SymbolBatchLog> logger) : ISymbolBatchObserver
{
    public void Progress(SymbolBatchCounts counts) =>
        LogProgress(counts.Received, counts.Acquired, counts.AlreadyAcquired, counts.Failed);

    public void ChunkFailed(int rows, string reason) => LogChunkFailed(rows, reason);

    public void Completed(SymbolBatchCounts counts, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var reasons = string.Join(", ", counts.FailuresByReason.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"));
            LogCompleted(counts.Received, counts.Acquired, counts.AlreadyAcquired, counts.Failed, reasons, elapsed.TotalSeconds);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Symbol batch in progress: {Received} rows received, {Acquired} acquired, {AlreadyAcquired} already held, {Failed} failed")]
    private partial void LogProgress(long received, long acquired, long alreadyAcquired, long failed);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "Symbol batch: a chunk of {Rows} rows was not stored ({Reason}); its rows are reported as failed")]
    private partial void LogChunkFailed(int rows, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information,
        Message = "Symbol batch finished: {Received} rows received, {Acquired} acquired, {AlreadyAcquired} already held, {Failed} failed [{FailureReasons}] in {Seconds:F1} s")]
    private partial void LogCompleted(long received, long acquired, long alreadyAcquired, long failed, string failureReasons, double seconds);
}
