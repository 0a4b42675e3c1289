using Linkage.Domain;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Linkage.Storage.Database;

namespace Linkage.Storage.Permits;

/// <summary>Keeps the last signed permitted list exactly as the hub signed it; it is verified again when loaded.</summary>
public sealed class PermittedListStore(IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope)
{
    public async Task SaveAsync(long version, byte[] signedList, byte[] signature, string keyId, DateTimeOffset receivedAt, CancellationToken ct)
    {
        try
        {
            await SaveOnceAsync(version, signedList, signature, keyId, receivedAt, ct);
        }
        catch (DbUpdateException)
        {
            // Another node of the institution stored its first list between our look and our insert: update that row.
            await SaveOnceAsync(version, signedList, signature, keyId, receivedAt, ct);
        }
    }

    private async Task SaveOnceAsync(long version, byte[] signedList, byte[] signature, string keyId, DateTimeOffset receivedAt, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.PermittedLists.FindAsync([scope.Code.Value], ct);
        if (row is null)
        {
            row = new PermittedListRow { InstitutionCode = scope.Code.Value, SignedList = signedList, Signature = signature, KeyId = keyId };
            db.PermittedLists.Add(row);
        }
        row.Version = version;
        row.SignedList = signedList;
        row.Signature = signature;
        row.KeyId = keyId;
        row.ReceivedAt = receivedAt;
        await db.SaveChangesAsync(ct);
    }

    public async Task<PermittedListRow?> LoadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PermittedLists.AsNoTracking().FirstOrDefaultAsync(l => l.InstitutionCode == scope.Code.Value, ct);
    }
}
