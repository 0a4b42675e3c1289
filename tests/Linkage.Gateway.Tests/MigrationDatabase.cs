using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Linkage.Storage.Database;

namespace Linkage.Gateway.Tests;

/// <summary>
/// A SQLite file of its own for a migration test, opened as the gateway opens it, that can be migrated to a given
/// migration; disposing it deletes the file and its WAL files.
/// </summary>
internal sealed class MigrationDatabase : IDbContextFactory<LinkageDbContext>, IDisposable
{
    private readonly DbContextOptions<LinkageDbContext> _options;

    /// <param name="commands">Told the text of every command executed, for a test of what reaches the database.</param>
    public MigrationDatabase(string name, Action<string>? commands = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), name + "-" + Guid.NewGuid().ToString("N") + ".db");
        var options = new DbContextOptionsBuilder<LinkageDbContext>()
            .UseSqlite(SqlitePragmas.ConnectionString(Path))
            .AddInterceptors(new SqlitePragmas());
        if (commands is not null) options.LogTo(commands, [RelationalEventId.CommandExecuted]);
        _options = options.Options;
    }

    public string Path { get; }

    public LinkageDbContext CreateDbContext() => new(_options);

    public async Task MigrateToAsync(string migration, CancellationToken ct)
    {
        await using var db = CreateDbContext();
        await db.GetService<IMigrator>().MigrateAsync(migration, ct);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
            File.Delete(file);
    }
}
