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

namespace Linkage.Benchmarks.Copies;

/// <summary>The gateway's real copy storage (WAL, synchronous=FULL, migrations, AES-GCM) on a throwaway file.</summary>
internal sealed class BenchStorage : IAsyncDisposable
{
    public const string Institution = "1000082210000000";

    /// <summary>Where the throwaway database files live.</summary>
    public static string Folder { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "linkage-bench");

    private readonly ServiceProvider _services;

    private BenchStorage(ServiceProvider services, string path)
    {
        _services = services;
        Path = path;
    }

    public string Path { get; }
    public string ConnectionString => SqlitePragmas.ConnectionString(Path);
    public ICopyStore Copies => _services.GetRequiredService<ICopyStore>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
    public CopyBatchRegistration Batches => new(new CopyValidator(ItemCatalogue.Default), _services.GetRequiredService<ICopyBatchStore>());

    public static async Task<BenchStorage> CreateAsync(string name)
    {
        Directory.CreateDirectory(Folder);
        var path = System.IO.Path.Combine(Folder, name + ".db");
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);

        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new InstitutionScope(InstitutionCode.Parse(Institution)))
            .AddSingleton(InstitutionDataKeys.Opened(new InstitutionScope(InstitutionCode.Parse(Institution)),
                new AtRestCipher(new Dictionary<string, byte[]> { ["bench-1"] = RandomNumberGenerator.GetBytes(32) }, "bench-1")))
            .AddLinkageStorage(path)
            .BuildServiceProvider();
        await using (var db = await services.GetRequiredService<IDbContextFactory<LinkageDbContext>>().CreateDbContextAsync())
            await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        return new BenchStorage(services, path);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" }) File.Delete(file);
    }
}
