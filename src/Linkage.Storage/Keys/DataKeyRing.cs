using System.Security.Cryptography;
using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Keys;

/// <summary>
/// An institution's data keys in its database, each stored only wrapped by the institution's key-encryption key: opened
/// at start (the first start makes the first key), a new one added by rotation, all of them wrapped anew when the
/// institution changes its key-encryption key. A key-encryption key that does not open every stored key is refused
/// before anything is written, so a wrong key file can neither add a key nobody else can open nor replace any.
/// </summary>
public static class DataKeyRing
{
    public const int DataKeyLength = 32;

    public static string KeyIdOf(int generation) => $"dk-{generation}";

    /// <summary>
    /// The institution's data keys, opened; the newest seals. With none stored yet, one is generated, wrapped and
    /// stored in one transaction (when another node stored one first, that one is used).
    /// </summary>
    public static async Task<AtRestCipher> OpenAsync(LinkageDbContext db, InstitutionCode institution, KeyEncryptionKey keyEncryptionKey,
        DateTimeOffset now, CancellationToken ct)
    {
        var rows = await RowsAsync(db, institution, ct);
        if (rows.Count == 0)
        {
            // When another node of this institution made the first key at the same moment, its key is the one.
            await AddAsync(db, institution, keyEncryptionKey, expectedLatest: 0, now, ct);
            rows = await RowsAsync(db, institution, ct);
        }
        return new AtRestCipher(UnwrapAll(rows, institution, keyEncryptionKey), rows[^1].KeyId);
    }

    /// <summary>
    /// Adds the next data key, which seals new rows from the next start of each node on; the older keys stay to open
    /// what they sealed. Refused when the key-encryption key does not open the stored keys.
    /// </summary>
    /// <returns>The new key's id.</returns>
    public static async Task<string> RotateAsync(LinkageDbContext db, InstitutionCode institution, KeyEncryptionKey keyEncryptionKey,
        DateTimeOffset now, CancellationToken ct)
    {
        var rows = await RowsAsync(db, institution, ct);
        Forget(UnwrapAll(rows, institution, keyEncryptionKey));
        return await AddAsync(db, institution, keyEncryptionKey, rows.Count == 0 ? 0 : rows[^1].Generation, now, ct)
            ?? throw new InvalidOperationException(
                $"Another data key of institution {institution.Value} was added meanwhile; nothing was written. Run the rotation again if still needed.");
    }

    /// <summary>Wraps every data key with the institution's new key-encryption key, all in one transaction.</summary>
    /// <returns>How many keys were wrapped anew.</returns>
    public static async Task<int> RewrapAsync(LinkageDbContext db, InstitutionCode institution, KeyEncryptionKey current,
        KeyEncryptionKey next, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.DataKeys.Where(k => k.InstitutionCode == institution.Value).OrderBy(k => k.Generation).ToListAsync(ct);
        var keys = UnwrapAll(rows, institution, current);
        foreach (var row in rows) row.WrappedKey = next.Wrap(institution, row.KeyId, keys[row.KeyId]);
        Forget(keys);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    /// <returns>The new key's id; null when another key was added since <paramref name="expectedLatest"/> (nothing written).</returns>
    private static async Task<string?> AddAsync(LinkageDbContext db, InstitutionCode institution, KeyEncryptionKey keyEncryptionKey,
        int expectedLatest, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var latest = await db.DataKeys.Where(k => k.InstitutionCode == institution.Value).MaxAsync(k => (int?)k.Generation, ct) ?? 0;
        if (latest != expectedLatest) return null;
        var generation = latest + 1;
        var keyId = KeyIdOf(generation);
        var dataKey = RandomNumberGenerator.GetBytes(DataKeyLength);
        db.DataKeys.Add(new DataKeyRow
        {
            InstitutionCode = institution.Value,
            KeyId = keyId,
            Generation = generation,
            WrappedKey = keyEncryptionKey.Wrap(institution, keyId, dataKey),
            CreatedAt = now,
        });
        CryptographicOperations.ZeroMemory(dataKey);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same generation stored by another node between our read and our write (the unique index said so)?
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (await db.DataKeys.AnyAsync(k => k.InstitutionCode == institution.Value && k.Generation == generation, ct)) return null;
            throw;
        }
        await transaction.CommitAsync(ct);
        return keyId;
    }

    private static Task<List<DataKeyRow>> RowsAsync(LinkageDbContext db, InstitutionCode institution, CancellationToken ct) =>
        db.DataKeys.AsNoTracking().Where(k => k.InstitutionCode == institution.Value).OrderBy(k => k.Generation).ToListAsync(ct);

    private static Dictionary<string, byte[]> UnwrapAll(List<DataKeyRow> rows, InstitutionCode institution, KeyEncryptionKey keyEncryptionKey)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            try
            {
                keys[row.KeyId] = keyEncryptionKey.Unwrap(institution, row.KeyId, row.WrappedKey);
            }
            catch (CryptographicException error)
            {
                Forget(keys);
                throw new InvalidOperationException(
                    $"The key-encryption key given for institution {institution.Value} does not open its data key '{row.KeyId}': it is not the " +
                    "key this institution's data keys were wrapped with (or the stored key was altered). Nothing was written.", error);
            }
        }
        return keys;
    }

    private static void Forget(Dictionary<string, byte[]> keys)
    {
        foreach (var key in keys.Values) CryptographicOperations.ZeroMemory(key);
    }
}
