using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Storage.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Keys;

/// <summary>
/// The institution's data keys changed in its database file while no gateway runs on it (<c>linkage keys</c>): a
/// gateway opens its keys when it starts, so each node of the institution picks the change up at its next start.
/// </summary>
public static class OfflineDataKeys
{
    /// <returns>The id of the data key that seals new data from the next start on.</returns>
    public static Task<string> RotateAsync(string databasePath, InstitutionCode institution, KeyEncryptionKey keyEncryptionKey,
        TimeProvider clock, CancellationToken ct) =>
        WithDatabaseAsync(databasePath, db => DataKeyRing.RotateAsync(db, institution, keyEncryptionKey, clock.GetUtcNow(), ct), ct);

    /// <returns>How many data keys are now wrapped by <paramref name="next"/>.</returns>
    public static Task<int> RewrapAsync(string databasePath, InstitutionCode institution, KeyEncryptionKey current, KeyEncryptionKey next,
        CancellationToken ct) =>
        WithDatabaseAsync(databasePath, db => DataKeyRing.RewrapAsync(db, institution, current, next, ct), ct);

    private static async Task<T> WithDatabaseAsync<T>(string databasePath, Func<LinkageDbContext, Task<T>> work, CancellationToken ct)
    {
        // A mistyped path must not become a new, empty database with a key nobody's data uses.
        if (!File.Exists(databasePath)) throw new FileNotFoundException($"No database at {databasePath}.", databasePath);
        // Unpooled: nothing of this file stays open in the process afterwards.
        var connectionString = new SqliteConnectionStringBuilder(SqlitePragmas.ConnectionString(databasePath)) { Pooling = false }.ToString();
        var options = new DbContextOptionsBuilder<LinkageDbContext>().UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()).Options;
        await using var db = new LinkageDbContext(options);
        await DatabaseInitializer.MigrateAsync(db, ct);
        return await work(db);
    }
}
