using System.Security.Cryptography;
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

namespace Linkage.EndToEnd.Tests;

/// <summary>Copy values at rest: never in the database file in clear, and readable across a key rotation.</summary>
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

        var content = TestStorage.StoredBytes(Path.Combine(network.DataFolder, "hitachinaka.db"), TestNetwork.Hitachinaka);
        // The row is there (its key columns are clear), its values are not.
        Assert.True(Contains(content, Encoding.UTF8.GetBytes(person)));
        Assert.False(Contains(content, Encoding.UTF8.GetBytes(finding)));
        Assert.False(Contains(content, Encoding.UTF8.GetBytes("173.9")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Rows_written_under_an_old_key_stay_readable_after_the_active_key_changes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "linkage-rotation-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "copies.db");
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var newKey = RandomNumberGenerator.GetBytes(32);
        var person = InternalAddressNumber.Parse("082210000000042");
        var name = InformationNames.OsteoporosisScreening.Code;
        try
        {
            await using (var before = await StoreAsync(path, new() { ["k-2025"] = oldKey }, "k-2025"))
                await before.GetRequiredService<ICopyStore>().RegisterAsync(new ProvisionCopy(person, name, "2025-57-1", 1,
                    new DateOnly(2025, 6, 1), null, [new ItemEntry("9N001000000000001", "158.2")]), CancellationToken.None);

            await using var after = await StoreAsync(path, new() { ["k-2025"] = oldKey, ["k-2026"] = newKey }, "k-2026");
            var store = after.GetRequiredService<ICopyStore>();
            await store.RegisterAsync(new ProvisionCopy(person, name, "2026-57-1", 1,
                new DateOnly(2026, 6, 1), null, [new ItemEntry("9N001000000000001", "158.9")]), CancellationToken.None);

            var both = await store.ReadCurrentAsync(person, name, new DateOnly(2026, 7, 1), CancellationToken.None);
            Assert.Equal(["158.2", "158.9"], both.Select(c => c.Items[0].Value));
            await using var db = await after.GetRequiredService<IDbContextFactory<LinkageDbContext>>().CreateDbContextAsync();
            Assert.Equal(["k-2025", "k-2026"], await db.Copies.OrderBy(c => c.RecordKey).Select(c => c.KeyId).ToListAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ServiceProvider> StoreAsync(string path, Dictionary<string, byte[]> keys, string active)
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new InstitutionScope(InstitutionCode.Parse(Hitachinaka)))
            .AddSingleton(new AtRestCipher(keys, active))
            .AddLinkageStorage(path)
            .BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<LinkageDbContext>>().CreateDbContextAsync();
        await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        return services;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
