using System.Text;
using Linkage.Contracts.V1;
using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Storage;
using Linkage.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Linkage.Testing.TestNetwork;
using Linkage.Storage.Database;
using Linkage.Storage.Keys;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Copy values at rest: never in the database file in clear, nor the data key that seals them (only wrapped by the
/// institution's key-encryption key), and readable across a rotation of the data key.
/// </summary>
public sealed class CopyEncryptionTests
{
    [Fact(Timeout = 120_000)]
    public async Task The_database_file_holds_no_screening_value_in_clear()
    {
        await using var network = await TestNetwork.StartAsync();
        var person = network.Population.InternalAddressNumberOf(3, HitachinakaPrefix);
        const string finding = "第一腰椎圧迫骨折の既往あり";
        var copies = new CopyRegistration.CopyRegistrationClient(network.HealthSystem(network.Hitachi, Hitachinaka));
        using (var call = copies.RegisterCopies())
        {
            await call.RequestStream.WriteAsync(new RegisterCopiesRequest
            {
                BatchId = "at-rest",
                Copy = new Copy
                {
                    InternalAddressNumber = person,
                    InformationNameCode = TestNetwork.Osteoporosis,
                    RecordKey = "2025-57-1",
                    Version = 1,
                    ValidFrom = "2025-06-01",
                    Items =
                    {
                        new ItemValue { ItemCode = "9P623160800000049", Value = finding },
                        new ItemValue { ItemCode = "9N001000000000001", Value = "173.9" },
                    },
                },
            });
            await call.RequestStream.CompleteAsync();
            Assert.Equal(1, (await call.ResponseAsync).Stored);
        }

        var path = Path.Combine(network.DataFolder, "hitachinaka.db");
        var content = TestStorage.StoredBytes(path, TestNetwork.Hitachinaka);
        // The row is there (its key columns are clear), its values are not.
        Assert.True(Contains(content, Encoding.UTF8.GetBytes(person)));
        Assert.False(Contains(content, Encoding.UTF8.GetBytes(finding)));
        Assert.False(Contains(content, Encoding.UTF8.GetBytes("173.9")));

        // The data key that sealed them is in the file only wrapped: neither its bytes nor their base64 are there, nor
        // the key-encryption key that wraps it.
        var kek = network.KeyEncryptionKeys[Hitachinaka];
        var dataKey = await DataKeyAsync(path, kek);
        Assert.Equal(32, dataKey.Length);
        Assert.False(Contains(content, dataKey));
        Assert.False(Contains(content, Encoding.ASCII.GetBytes(Convert.ToBase64String(dataKey))));
        var kekBytes = Convert.FromBase64String(kek.Key.ToFileText().Trim());
        Assert.False(Contains(content, kekBytes));
        Assert.False(Contains(content, Encoding.ASCII.GetBytes(kek.Key.ToFileText().Trim())));
        // And it is this very key that sealed the copy: a bare AES-GCM under it opens the row.
        await using var db = Context(path);
        var row = await db.Copies.AsNoTracking().SingleAsync(c => c.RecordKey == "2025-57-1");
        var items = new AtRestCipher(new Dictionary<string, byte[]> { [row.KeyId] = dataKey }, row.KeyId)
            .Decrypt(row.KeyId, row.Payload, Encoding.UTF8.GetBytes($"{Hitachinaka}|{person}|{TestNetwork.Osteoporosis}|2025-57-1|1"));
        Assert.Contains(finding, System.Text.Json.JsonSerializer.Deserialize<string[][]>(items)!.Select(pair => pair[1]));
    }

    [Fact(Timeout = 60_000)]
    public async Task Rows_sealed_under_an_older_data_key_stay_readable_after_a_rotation()
    {
        var folder = Directory.CreateTempSubdirectory("linkage-rotation-").FullName;
        var path = Path.Combine(folder, "copies.db");
        var kek = new TestKeyEncryptionKey(Path.Combine(folder, "institution-keys"), Hitachinaka);
        var person = InternalAddressNumber.Parse("082210000000042");
        var name = InformationNames.OsteoporosisScreening.Code;
        try
        {
            await using (var before = await StoreAsync(path, kek))
                await before.GetRequiredService<ICopyStore>().RegisterAsync(new ProvisionCopy(person, name, "2025-57-1", 1,
                    new DateOnly(2025, 6, 1), null, [new ItemEntry("9N001000000000001", "158.2")]), CancellationToken.None);
            SqliteConnection.ClearAllPools();

            Assert.Equal("dk-2", await OfflineDataKeys.RotateAsync(path, kek.Institution, kek.Key, TimeProvider.System, CancellationToken.None));

            await using var after = await StoreAsync(path, kek);
            var store = after.GetRequiredService<ICopyStore>();
            await store.RegisterAsync(new ProvisionCopy(person, name, "2026-57-1", 1,
                new DateOnly(2026, 6, 1), null, [new ItemEntry("9N001000000000001", "158.9")]), CancellationToken.None);

            var both = await store.ReadCurrentAsync(person, name, new DateOnly(2026, 7, 1), CancellationToken.None);
            Assert.Equal(["158.2", "158.9"], both.Select(c => c.Items[0].Value));
            await using var db = await after.GetRequiredService<IDbContextFactory<LinkageDbContext>>().CreateDbContextAsync();
            Assert.Equal(["dk-1", "dk-2"], await db.Copies.OrderBy(c => c.RecordKey).Select(c => c.KeyId).ToListAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The storage of the institution with its data keys opened as the gateway opens them at start.</summary>
    private static async Task<ServiceProvider> StoreAsync(string path, TestKeyEncryptionKey kek)
    {
        var scope = new InstitutionScope(kek.Institution);
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(scope)
            .AddLinkageStorage(path)
            .BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<LinkageDbContext>>().CreateDbContextAsync();
        await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        services.GetRequiredService<InstitutionDataKeys>().Open(
            await DataKeyRing.OpenAsync(db, scope.Code, kek.Key, DateTimeOffset.UtcNow, CancellationToken.None));
        return services;
    }

    /// <summary>The institution's data key, unwrapped from the file as only the holder of its key-encryption key can.</summary>
    private static async Task<byte[]> DataKeyAsync(string path, TestKeyEncryptionKey kek)
    {
        await using var db = Context(path);
        var row = await db.DataKeys.AsNoTracking().SingleAsync();
        return kek.Key.Unwrap(kek.Institution, row.KeyId, row.WrappedKey);
    }

    private static LinkageDbContext Context(string path)
    {
        var options = new DbContextOptionsBuilder<LinkageDbContext>();
        TestStorage.Open(path, TestNetwork.Hitachinaka).ConfigureContext(options);
        return new LinkageDbContext(options.Options);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
