using Microsoft.EntityFrameworkCore;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The gateway migrates its database on start. A fresh file must end up with exactly the model the code uses, or a
/// change to an entity without its migration would only show as a failure on some later query.
/// </summary>
public sealed class MigrationTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_fresh_database_migrates_to_the_model_the_code_uses()
    {
        var ct = CancellationToken.None;
        using var database = new MigrationDatabase("linkage-initial-migration");
        await using var db = database.CreateDbContext();

        await db.Database.MigrateAsync(ct);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(ct));
        Assert.False(db.Database.HasPendingModelChanges(), "The entity model has changes that no migration creates.");
    }
}
