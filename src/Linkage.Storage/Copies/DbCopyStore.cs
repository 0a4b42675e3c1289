using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Linkage.Domain;
using Linkage.Storage.Database;

namespace Linkage.Storage.Copies;

/// <summary>
/// Single copies: registration, correction, deletion (tombstones) and the look-ups of provision. Which rows count is
/// <see cref="VisibleCopies"/>; writing and versioning see every row, visible or not.
/// </summary>
public sealed class DbCopyStore(
    IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope, CopyPayloadCodec codec, CurrentCopyReader reader, TimeProvider clock)
    : ICopyStore
{
    private readonly string _institution = scope.Code.Value;

    public async Task RegisterAsync(ProvisionCopy copy, CancellationToken ct)
    {
        codec.RequireKeys(); // before any rule of the record: nothing of it can be sealed here
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var key = new RecordKey(copy.Person.Value, copy.InformationName.Value, copy.RecordKey);
        var latest = await LatestVersionAsync(db, key, ct);
        var expected = latest + 1;
        if (copy.Version != expected)
        {
            var message = $"Record {copy.RecordKey} is at version {latest}; the next version must be {expected}.";
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.VersionConflict, message,
                [new FieldViolation("version", message)]);
        }
        await RetireAsync(db, key, ct);
        db.Copies.Add(NewRow(key, copy.Version, copy.ValidFrom, copy.ValidTo, false, copy.Items));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<int> DeleteAsync(InternalAddressNumber person, InformationNameCode name, string recordKey, CancellationToken ct)
    {
        codec.RequireKeys(); // a tombstone carries a sealed (empty) payload too
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var key = new RecordKey(person.Value, name.Value, recordKey);
        var latest = await Visible(db, key).OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct)
            ?? throw new DomainException(ErrorKind.NotFound, ErrorReasons.CopyNotFound,
                "There is no copy of this record.", [new FieldViolation("record_key", "There is no copy of this record.")]);
        if (latest.IsDeleted) return latest.Version;

        // The tombstone keeps the validity of the version it ends, and an empty encrypted payload.
        var version = await LatestVersionAsync(db, key, ct) + 1;
        await RetireAsync(db, key, ct);
        db.Copies.Add(NewRow(key, version, latest.ValidFrom, latest.ValidTo, true, []));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return version;
    }

    public async Task<StoredCopy?> GetAsync(InternalAddressNumber person, InformationNameCode name, string recordKey, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await Visible(db, new RecordKey(person.Value, name.Value, recordKey)).AsNoTracking()
            .OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        return row is null ? null : new StoredCopy(ToCopy(person, name, row), row.IsDeleted);
    }

    public Task<IReadOnlyList<ProvisionCopy>> ReadCurrentAsync(InternalAddressNumber person, InformationNameCode name, DateOnly day, CancellationToken ct) =>
        reader.ReadAsync(person, name, day);

    public async Task<long> CountCurrentAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await VisibleCopies.CurrentRows(db).LongCountAsync(c => c.InstitutionCode == _institution && !c.IsDeleted, ct);
    }

    private sealed record RecordKey(string Person, string Name, string Key);

    private IQueryable<CopyRow> Record(IQueryable<CopyRow> rows, RecordKey key) => rows.Where(c =>
        c.InstitutionCode == _institution && c.InternalAddressNumber == key.Person && c.InformationNameCode == key.Name
        && c.RecordKey == key.Key);

    // Every version of the record, visible or not: versions are numbered and retired across all of them.
    private IQueryable<CopyRow> Record(LinkageDbContext db, RecordKey key) => Record(db.Copies, key);

    // The latest of these is the record as it stands, tombstone or not.
    private IQueryable<CopyRow> Visible(LinkageDbContext db, RecordKey key) => Record(VisibleCopies.Rows(db), key);

    // Versions of rows still pending in an incomplete batch count too: the unique index would refuse a second one.
    private async Task<int> LatestVersionAsync(LinkageDbContext db, RecordKey key, CancellationToken ct) =>
        await Record(db, key).MaxAsync(c => (int?)c.Version, ct) ?? 0;

    private Task<int> RetireAsync(LinkageDbContext db, RecordKey key, CancellationToken ct) =>
        Record(db, key).Where(c => c.IsCurrent).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsCurrent, false), ct);

    private CopyRow NewRow(RecordKey key, int version, DateOnly validFrom, DateOnly? validTo, bool deleted, IReadOnlyList<ItemEntry> items) => new()
    {
        InstitutionCode = _institution,
        InternalAddressNumber = key.Person,
        InformationNameCode = key.Name,
        RecordKey = key.Key,
        Version = version,
        ValidFrom = validFrom,
        ValidTo = validTo,
        IsCurrent = true,
        IsDeleted = deleted,
        KeyId = codec.ActiveKeyId,
        Payload = codec.Seal(_institution, key.Person, key.Name, key.Key, version, items),
        RegisteredAt = clock.GetUtcNow(),
    };

    private ProvisionCopy ToCopy(InternalAddressNumber person, InformationNameCode name, CopyRow row) =>
        new(person, name, row.RecordKey, row.Version, row.ValidFrom, row.ValidTo, codec.Open(row));
}
