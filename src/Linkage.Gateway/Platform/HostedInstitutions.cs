using System.Collections.Frozen;

namespace Linkage.Gateway.Platform;

/// <summary>
/// The institutions of one platform node by code. Started before the node listens (a hosted service registered
/// before the server's), stopped after it has stopped listening. One institution that does not start is reported and
/// refused; the others serve. A node where none starts does not start.
/// </summary>
public sealed partial class HostedInstitutions : IHostedService, IAsyncDisposable
{
    private readonly IReadOnlyList<HostedInstitution> _all;
    private readonly FrozenDictionary<string, HostedInstitution> _byCode;
    private readonly string _nodeId;
    private readonly ILogger<HostedInstitutions> _logger;

    public HostedInstitutions(IReadOnlyList<HostedInstitution> all, string nodeId, ILogger<HostedInstitutions> logger)
    {
        _all = all;
        _byCode = all.Where(i => i.Code is not null).ToFrozenDictionary(i => i.Code!, StringComparer.Ordinal);
        _nodeId = nodeId;
        _logger = logger;
    }

    /// <summary>The institution with this code, started or not; null when this node does not serve it.</summary>
    public HostedInstitution? Find(string code) => _byCode.GetValueOrDefault(code);

    public IReadOnlyList<HostedInstitution> All => _all;

    /// <summary>An institution named twice would leave one of its two configurations unused without a word.</summary>
    public static void RequireDistinct(IEnumerable<HostedInstitution> all)
    {
        var twice = all.Where(i => i.Code is not null).GroupBy(i => i.Code!).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            throw new InvalidOperationException($"Platform:Institutions names these institutions more than once: {string.Join(", ", twice)}.");
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Each start is mostly waiting for its database; a few at once, not a hundred.
        await Parallel.ForEachAsync(_all, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (institution, ct) => await institution.StartAsync(ct));
        foreach (var institution in _all)
        {
            if (institution.Failure is not { } failure)
            {
                Started(_logger, institution.Code!, _nodeId);
                continue;
            }
            var errorType = failure.GetType().Name;
            NotStarted(_logger, failure, institution.Code ?? "unknown", institution.Entry, _nodeId, errorType, failure.Message);
        }
        if (!_all.Any(i => i.IsServing))
            throw new InvalidOperationException($"No institution of platform node {_nodeId} started; the node's log says why for each.");
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(_all, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (institution, _) => await institution.StopAsync(cancellationToken));

    public async ValueTask DisposeAsync()
    {
        foreach (var institution in _all) await institution.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Institution {Institution} serves on platform node {Node}")]
    private static partial void Started(ILogger logger, string institution, string node);

    // The message of a failed start names a file, a setting or a database error; none carries a person's data.
    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Institution {Institution} ({Entry}) did not start on platform node {Node}, its calls are refused: {ErrorType}: {Cause}")]
    private static partial void NotStarted(ILogger logger, Exception exception, string institution, string entry, string node,
        string errorType, string cause);
}
