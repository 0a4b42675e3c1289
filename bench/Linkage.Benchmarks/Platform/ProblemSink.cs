using Serilog.Core;
using Serilog.Events;

namespace Linkage.Benchmarks.Platform;

/// <summary>Keeps the first thousand log events at Warning or above: what went wrong, without the load's information events.</summary>
internal sealed class ProblemSink : ILogEventSink
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level >= LogEventLevel.Warning && _events.Count < 1_000) _events.Enqueue(logEvent);
    }

    public IReadOnlyList<string> Errors => _events.Where(e => e.Level >= LogEventLevel.Error)
        .Select(e => $"{e.Level} {e.RenderMessage()} {e.Exception?.GetType().Name}: {e.Exception?.Message}").ToList();
}
