using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Database;

public static class DatabaseInitializer
{
    /// <summary>Creates the folder, switches the file to WAL (a persistent property of the file) and applies migrations.</summary>
    public static async Task MigrateAsync(LinkageDbContext context, CancellationToken ct)
    {
        var path = new SqliteConnectionStringBuilder(context.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        await context.Database.OpenConnectionAsync(ct);
        try
        {
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await context.Database.MigrateAsync(ct);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
