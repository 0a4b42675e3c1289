using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Linkage.Testing;

/// <summary>Keeps every log event of a host so tests can assert on what was (and was not) logged.</summary>
public sealed class CollectingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => _events.ToList();

    /// <summary>Every event rendered with its properties and exception: the text a log file would hold.</summary>
    public string AllText() => string.Join('\n', _events.Select(e =>
        $"{e.Level} {e.RenderMessage()} {string.Join(' ', e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}"));

    public IReadOnlyList<LogEvent> Errors => _events.Where(e => e.Level >= LogEventLevel.Error).ToList();
}
