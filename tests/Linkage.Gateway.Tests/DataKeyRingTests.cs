using System.Text;
using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Storage.Database;
using Linkage.Storage.Keys;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Gateway.Tests;

/// <summary>
/// An institution's data keys in its database: one made on the first open and the same one opened after, a new one by
/// rotation that seals while the older still opens, all wrapped anew under a new key-encryption key; a key-encryption
/// key that does not open what is stored is refused by each, and none of them writes anything then.
/// </summary>
public sealed class DataKeyRingTests : IDisposable
{
    private static readonly InstitutionCode Institution = InstitutionCode.Parse("1000082210000000");
    private static readonly byte[] Row = Encoding.UTF8.GetBytes("row-1");
    private static readonly byte[] Value = Encoding.UTF8.GetBytes("158.2");
    private readonly MigrationDatabase _database = new("linkage-data-keys");
    private readonly KeyEncryptionKey _kek = KeyEncryptionKey.Generate();

    private async Task<AtRestCipher> OpenAsync(KeyEncryptionKey kek)
    {
        await using var db = _database.CreateDbContext();
        await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        return await DataKeyRing.OpenAsync(db, Institution, kek, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_first_open_makes_one_key_and_later_opens_find_the_same()
    {
        var first = await OpenAsync(_kek);
        var sealedValue = first.Encrypt(Value, Row);

        var again = await OpenAsync(_kek);

        Assert.Equal("dk-1", again.ActiveKeyId);
        Assert.Equal(Value, again.Decrypt("dk-1", sealedValue, Row));
        Assert.Equal(["dk-1"], await KeyIdsAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_nodes_opening_an_empty_database_at_once_end_with_one_key_both_use()
    {
        await using (var db = _database.CreateDbContext()) await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);

        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var db = _database.CreateDbContext();
            return await DataKeyRing.OpenAsync(db, Institution, _kek, DateTimeOffset.UtcNow, CancellationToken.None);
        })));

        Assert.Equal(["dk-1"], await KeyIdsAsync());
        var sealedValue = opened[0].Encrypt(Value, Row);
        Assert.All(opened, cipher => Assert.Equal(Value, cipher.Decrypt("dk-1", sealedValue, Row)));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_rotation_adds_the_key_that_seals_and_the_older_still_opens()
    {
        var sealedBefore = (await OpenAsync(_kek)).Encrypt(Value, Row);
        await using (var db = _database.CreateDbContext())
            Assert.Equal("dk-2", await DataKeyRing.RotateAsync(db, Institution, _kek, DateTimeOffset.UtcNow, CancellationToken.None));

        var after = await OpenAsync(_kek);

        Assert.Equal("dk-2", after.ActiveKeyId);
        Assert.Equal(Value, after.Decrypt("dk-1", sealedBefore, Row));
        Assert.Equal(Value, after.Decrypt("dk-2", after.Encrypt(Value, Row), Row));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_key_encryption_key_opens_rotates_and_rewraps_nothing_and_changes_nothing()
    {
        await OpenAsync(_kek);
        var stored = await WrappedAsync();
        var wrong = KeyEncryptionKey.Generate();

        Assert.Contains("does not open its data key 'dk-1'", (await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(wrong))).Message);
        await using (var db = _database.CreateDbContext())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                DataKeyRing.RotateAsync(db, Institution, wrong, DateTimeOffset.UtcNow, CancellationToken.None));
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                DataKeyRing.RewrapAsync(db, Institution, wrong, KeyEncryptionKey.Generate(), CancellationToken.None));
        }

        Assert.Equal(stored, await WrappedAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_rewrap_moves_every_key_under_the_new_key_encryption_key_and_the_old_one_opens_nothing()
    {
        var sealedValue = (await OpenAsync(_kek)).Encrypt(Value, Row);
        await using (var db = _database.CreateDbContext())
            await DataKeyRing.RotateAsync(db, Institution, _kek, DateTimeOffset.UtcNow, CancellationToken.None);
        var next = KeyEncryptionKey.Generate();

        await using (var db = _database.CreateDbContext())
            Assert.Equal(2, await DataKeyRing.RewrapAsync(db, Institution, _kek, next, CancellationToken.None));

        Assert.Equal(Value, (await OpenAsync(next)).Decrypt("dk-1", sealedValue, Row));
        await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(_kek));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_stored_key_is_not_the_key_in_clear()
    {
        var cipher = await OpenAsync(_kek);
        await using var db = _database.CreateDbContext();
        var row = await db.DataKeys.AsNoTracking().SingleAsync();
        var key = _kek.Unwrap(Institution, row.KeyId, row.WrappedKey);

        Assert.True(row.WrappedKey.AsSpan().IndexOf(key.AsSpan(0, 8)) < 0);
        // The unwrapped key is the one that seals: a bare AES-GCM under it opens what the cipher sealed.
        var sealedValue = cipher.Encrypt(Value, Row);
        Assert.Equal(Value, new AtRestCipher(new Dictionary<string, byte[]> { ["x"] = key }, "x").Decrypt("x", sealedValue, Row));
    }

    private async Task<List<string>> KeyIdsAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.DataKeys.AsNoTracking().OrderBy(k => k.Generation).Select(k => k.KeyId).ToListAsync();
    }

    private async Task<List<string>> WrappedAsync()
    {
        await using var db = _database.CreateDbContext();
        return (await db.DataKeys.AsNoTracking().OrderBy(k => k.Generation).ToListAsync())
            .Select(k => $"{k.KeyId}:{Convert.ToBase64String(k.WrappedKey)}").ToList();
    }

    public void Dispose() => _database.Dispose();
}
