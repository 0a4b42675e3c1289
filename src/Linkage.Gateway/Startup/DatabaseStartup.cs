using Linkage.Domain.Review.HoldFlags;
using Linkage.Domain.Staff;
using Linkage.Gateway.Jobs;
using Linkage.Storage.Permits;
using Microsoft.EntityFrameworkCore;
using Linkage.Storage.Database;

namespace Linkage.Gateway.Startup;

/// <summary>
/// Runs before every other hosted service: migrations, then the state that must be in memory before the first call
/// (the institution's data keys, used permit ids, the last verified permitted list, the registry of staff and systems,
/// the hold flags in force).
/// </summary>
public sealed class DatabaseStartup(
    IDbContextFactory<LinkageDbContext> contexts,
    StorageDatabase database,
    PersistentReplayGuard replayGuard,
    PermittedListSynchronizer lists,
    RegistryAdministration registry,
    HoldFlagAdministration holdFlags,
    InstitutionKeyOpening keys,
    Readiness readiness) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await database.MigrateAsync(db, cancellationToken);
            await keys.OpenAsync(db, cancellationToken);
            await replayGuard.LoadAsync(db, cancellationToken);
        }
        await lists.LoadStoredAsync(cancellationToken);
        await registry.ReloadAsync(cancellationToken);
        await holdFlags.LoadAsync(cancellationToken);
        readiness.DatabaseReady = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
