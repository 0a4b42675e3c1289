using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Copies;

public sealed class SqliteCopyStore(
    IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope, CopyPayloadCodec codec, TimeProvider clock) : ICopyStore
{
    private readonly string _institution = scope.Code.Value;

    public async Task RegisterAsync(ProvisionCopy copy, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var current = await db.Copies
            .Where(c => c.InstitutionCode == _institution && c.InternalAddressNumber == copy.Person.Value
                && c.InformationNameCode == copy.InformationName.Value && c.RecordKey == copy.RecordKey && c.IsCurrent)
            .FirstOrDefaultAsync(ct);
        var expected = (current?.Version ?? 0) + 1;
        if (copy.Version != expected)
        {
            var message = $"Record {copy.RecordKey} is at version {expected - 1}; the next version must be {expected}.";
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.VersionConflict, message,
                [new FieldViolation("version", message)]);
        }

        if (current is not null) current.IsCurrent = false;
        var row = new CopyRow
        {
            InstitutionCode = _institution,
            InternalAddressNumber = copy.Person.Value,
            InformationNameCode = copy.InformationName.Value,
            RecordKey = copy.RecordKey,
            Version = copy.Version,
            ValidFrom = copy.ValidFrom,
            ValidTo = copy.ValidTo,
            IsCurrent = true,
            KeyId = codec.ActiveKeyId,
            Payload = [],
            RegisteredAt = clock.GetUtcNow(),
        };
        row.Payload = codec.Seal(row, copy.Items);
        db.Copies.Add(row);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<ProvisionCopy>> ReadCurrentAsync(InternalAddressNumber person, InformationNameCode name, DateOnly day, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Copies.AsNoTracking()
            .Where(c => c.InstitutionCode == _institution && c.InternalAddressNumber == person.Value
                && c.InformationNameCode == name.Value && c.IsCurrent && !c.IsDeleted)
            .ToListAsync(ct);
        return rows
            .Select(r => new ProvisionCopy(person, name, r.RecordKey, r.Version, r.ValidFrom, r.ValidTo, codec.Open(r)))
            .Where(c => c.IsValidOn(day))
            .OrderBy(c => c.RecordKey, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<long> CountCurrentAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Copies.LongCountAsync(c => c.InstitutionCode == _institution && c.IsCurrent && !c.IsDeleted, ct);
    }
}
