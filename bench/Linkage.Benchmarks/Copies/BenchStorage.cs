using Linkage.Storage.Keys;
using System.Security.Cryptography;
using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Copies.Batches;
using Linkage.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Linkage.Domain;
using Linkage.Storage.Database;
using Linkage.Storage.PostgreSql;
using Npgsql;

namespace Linkage.Benchmarks.Copies;

/// <summary>
/// The gateway's real copy storage (migrations, AES-GCM) on a throwaway SQLite file (WAL, synchronous=FULL), or on
/// PostgreSQL in a throwaway database of the cluster <see cref="BenchPostgres"/> names, in the institution's own schema
/// reached as its own role, as a platform node has it.
/// </summary>
internal sealed class BenchStorage : IAsyncDisposable
{
    public const string Institution = "1000082210000000";

    /// <summary>Where the throwaway database files live.</summary>
    public static string Folder { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "linkage-bench");

    private readonly ServiceProvider _services;

    private readonly string? _database;

    private BenchStorage(ServiceProvider services, string path, string? database = null)
    {
        _services = services;
        Path = path;
        _database = database;
    }

    /// <summary>The SQLite file, or on PostgreSQL the name of the throwaway database.</summary>
    public string Path { get; }

    /// <summary>The connection string of the institution's data: the SQLite file's, or its role's on PostgreSQL.</summary>
    public string ConnectionString => _database is null ? SqlitePragmas.ConnectionString(Path) : Get<StorageDatabase>().ConnectionString;
    public ICopyStore Copies => _services.GetRequiredService<ICopyStore>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
    public CopyBatchRegistration Batches => new(new CopyValidator(ItemCatalogue.Default), _services.GetRequiredService<ICopyBatchStore>());

    public static async Task<BenchStorage> CreateAsync(string name, StorageProvider provider = StorageProvider.Sqlite)
    {
        if (provider == StorageProvider.PostgreSql) return await CreateOnPostgresAsync(name);
        Directory.CreateDirectory(Folder);
        var path = System.IO.Path.Combine(Folder, name + ".db");
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        var services = Services(new SqliteStorage(path));
        await using (var db = await services.GetRequiredService<IDbContextFactory<LinkageDbContext>>().CreateDbContextAsync())
            await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        return new BenchStorage(services, path);
    }

    /// <summary>A fresh database <c>bench_NAME</c> (dropped first if a run left it), the institution's schema and role in it.</summary>
    private static async Task<BenchStorage> CreateOnPostgresAsync(string name)
    {
        var admin = BenchPostgres.AdminConnectionString ?? throw new InvalidOperationException("No PostgreSQL cluster given.");
        var database = "bench_" + name.Replace('-', '_');
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var institution = await InstitutionSchemas.ProvisionAsync(new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString,
            InstitutionCode.Parse(Institution), "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), CancellationToken.None);
        var storage = new PostgresStorage(institution);
        var services = Services(storage);
        await using (var db = await services.GetRequiredService<IDbContextFactory<LinkageDbContext>>().CreateDbContextAsync())
            await storage.MigrateAsync(db, CancellationToken.None);
        return new BenchStorage(services, database, database);
    }

    private static ServiceProvider Services(StorageDatabase database) =>
        new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new InstitutionScope(InstitutionCode.Parse(Institution)))
            .AddSingleton(InstitutionDataKeys.Opened(new InstitutionScope(InstitutionCode.Parse(Institution)),
                new AtRestCipher(new Dictionary<string, byte[]> { ["bench-1"] = RandomNumberGenerator.GetBytes(32) }, "bench-1")))
            .AddLinkageStorage(database)
            .BuildServiceProvider();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(BenchPostgres.AdminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            return;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" }) File.Delete(file);
    }
}
