using Linkage.Contracts.Network.V1;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Gateway.Options;
using Linkage.Network.Client;
using Linkage.Storage.Permits;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// Keeps the permitted list current: the stored copy at start (verified again), then the hub's, fetched at start and
/// every refresh interval, retried with back-off while that fails. A list is stored only after its signature checked out.
/// The network directory (institution names) comes with the list. One node of the institution fetches and stores it;
/// the others take the stored list (verified again) at the same pace.
/// </summary>
public sealed partial class PermittedListSynchronizer(
    HubConnection hub,
    PermittedListCodec codec,
    PermittedListHolder holder,
    PermittedListStore store,
    JobBoard board,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<GatewayOptions> options,
    ILogger<PermittedListSynchronizer> logger) : BackgroundService
{
    public const string JobName = "permitted-list-sync";

    public async Task LoadStoredAsync(CancellationToken ct)
    {
        var stored = await store.LoadAsync(ct);
        if (stored is null) return;
        try
        {
            // A node on standby reads the stored list at every refresh: only a newer one is news.
            if (holder.Offer(codec.Read(stored.SignedList, stored.Signature, stored.KeyId))) LogLoaded(logger, stored.Version);
        }
        catch (DomainException error)
        {
            LogStoredRejected(logger, error.Reason);
        }
    }

    /// <summary>Fetches, verifies, stores and makes current the hub's list; returns the version now current.</summary>
    public async Task<long> SyncNowAsync(CancellationToken ct)
    {
        var signed = await hub.RepeatableAsync(o => hub.Client.GetPermittedListAsync(new GetPermittedListRequest(), o).ResponseAsync, ct);
        var list = codec.Read(signed);
        if (holder.Offer(list))
        {
            await store.SaveAsync(list.Version, signed.List.ToByteArray(), signed.Signature.ToByteArray(), signed.KeyId, clock.GetUtcNow(), ct);
            LogSynchronized(logger, list.Version, list.Entries.Count);
        }
        return holder.Current!.Version;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Whatever fails (hub, signature, disk), the last good list stays current and we try again, sooner at first.
            TimeSpan After(bool ok) => ok ? options.Value.PermittedListRefresh : retry;
            var ok = await board.RunLeadingAsync(JobName, After, async ct => $"permitted list version {await SyncNowAsync(ct)}", stoppingToken,
                standby: LoadStoredAsync);
            var wait = After(ok);
            retry = ok ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, options.Value.PermittedListRefresh.Ticks));
            try { await Task.Delay(wait, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the stored permitted list, version {Version}")]
    private static partial void LogLoaded(ILogger logger, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored permitted list was refused ({Reason}); waiting for the hub's")]
    private static partial void LogStoredRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Permitted list version {Version} with {Entries} entries is now current")]
    private static partial void LogSynchronized(ILogger logger, long version, int entries);
}
