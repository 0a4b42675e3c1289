using System.Runtime.CompilerServices;
using Linkage.Domain;
using Linkage.Domain.Chains;
using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Records;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Linkage.Storage.Database;

namespace Linkage.Storage.Records;

public sealed class SqliteRecordReader(IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope) : IRecordReader
{
    private readonly string _institution = scope.Code.Value;

    public async Task<IReadOnlyList<ChainLink<ProvisionRecordEntry>>> ListAsync(long afterSequence, int pageSize,
        IReadOnlyCollection<string> informationNames, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await Only(db.ProvisionRecords.AsNoTracking(), informationNames)
            .Where(r => r.InstitutionCode == _institution && r.Sequence > afterSequence)
            .OrderBy(r => r.Sequence).Take(pageSize).ToListAsync(ct);
        return rows.Select(ToStored).ToList();
    }

    public async Task<IReadOnlyList<ChainLink<ProvisionRecordEntry>>> ListForPersonAsync(InternalAddressNumber person,
        IReadOnlyCollection<string> informationNames, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? before = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = Only(db.ProvisionRecords.AsNoTracking(), informationNames)
            .Where(r => r.InstitutionCode == _institution && r.InternalAddressNumber == person.Value);
        if (from is { } start) rows = rows.Where(r => r.RecordedAtMs >= start.ToUnixTimeMilliseconds());
        if (before is { } end) rows = rows.Where(r => r.RecordedAtMs < end.ToUnixTimeMilliseconds());
        var found = await rows.OrderBy(r => r.Sequence).ToListAsync(ct);
        return found.Select(ToStored).ToList();
    }

    public async IAsyncEnumerable<ChainLink<ProvisionRecordEntry>> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // The whole chain, whatever institution a row claims: verification must see rows that were tampered with too.
        await foreach (var row in db.ProvisionRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(ct))
            yield return ToStored(row);
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ProvisionRecords.LongCountAsync(r => r.InstitutionCode == _institution, ct);
    }

    private static IQueryable<ProvisionRecordRow> Only(IQueryable<ProvisionRecordRow> rows, IReadOnlyCollection<string> informationNames) =>
        informationNames.Count == 0 ? rows : rows.Where(r => informationNames.Contains(r.InformationName));

    private static ChainLink<ProvisionRecordEntry> ToStored(ProvisionRecordRow r) => new(
        r.Sequence,
        new ProvisionRecordEntry(
            DateTimeOffset.FromUnixTimeMilliseconds(r.RecordedAtMs),
            (RecordDirection)r.Direction,
            r.InquiryId, r.PermitId, r.InquirerInstitution, r.ProviderInstitution, r.Affair, r.Procedure,
            r.InformationName, r.LegalBasis, (ProvisionOutcome)r.Outcome, r.Reason,
            r.InternalAddressNumber is null ? null : InternalAddressNumber.Parse(r.InternalAddressNumber),
            r.PermitExpiresAtMs is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires) : null),
        r.PreviousHash,
        r.Hash);
}
