using Microsoft.Extensions.Logging;

namespace Linkage.Storage.Chains;

/// <summary>What a chain writer says about itself: counts and chain names, never an entry's content.</summary>
internal static partial class ChainWriterLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Chain} writer stopped; nothing can be recorded until restart")]
    public static partial void Stopped(ILogger logger, Exception error, string chain);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a batch of {Count} entries of the {Chain} failed; the chain goes on from what the database holds")]
    public static partial void BatchFailed(ILogger logger, Exception error, int count, string chain);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Chain} writer cannot reach its database; what is recorded meanwhile is refused until it can")]
    public static partial void Unreachable(ILogger logger, Exception error, string chain);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Chain} writer reached its database again")]
    public static partial void Reconnected(ILogger logger, string chain);
}
