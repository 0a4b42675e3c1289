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

public sealed class DbRecordReader(IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope) : IRecordReader
{
    private readonly string _institution = scope.Code.Value;

    public async Task<IReadOnlyList<ChainLink<ProvisionRecordEntry>>> ListAsync(ChainPosition? after, int pageSize,
        IReadOnlyCollection<string> informationNames, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = Only(db.ProvisionRecords.AsNoTracking(), informationNames).Where(r => r.InstitutionCode == _institution);
        if (after is { } last)
            rows = rows.Where(r => string.Compare(r.Node, last.Node) > 0 || (r.Node == last.Node && r.Sequence > last.Sequence));
        var page = await rows.OrderBy(r => r.Node).ThenBy(r => r.Sequence).Take(pageSize).ToListAsync(ct);
        return page.Select(ToStored).ToList();
    }

    public async Task<IReadOnlyList<ChainLink<ProvisionRecordEntry>>> ListForPersonAsync(InternalAddressNumber person,
        IReadOnlyCollection<string> informationNames, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? before = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = Only(db.ProvisionRecords.AsNoTracking(), informationNames)
            .Where(r => r.InstitutionCode == _institution && r.InternalAddressNumber == person.Value);
        if (from is { } start) rows = rows.Where(r => r.RecordedAtMs >= start.ToUnixTimeMilliseconds());
        if (before is { } end) rows = rows.Where(r => r.RecordedAtMs < end.ToUnixTimeMilliseconds());
        // In the order they happened, whichever node recorded them.
        var found = await rows.OrderBy(r => r.RecordedAtMs).ThenBy(r => r.Node).ThenBy(r => r.Sequence).ToListAsync(ct);
        return found.Select(ToStored).ToList();
    }

    public async IAsyncEnumerable<ChainLink<ProvisionRecordEntry>> ReadAllAsync(string node, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // The node's whole chain, whatever institution a row claims: verification must see rows that were tampered with too.
        await foreach (var row in db.ProvisionRecords.AsNoTracking().Where(r => r.Node == node).OrderBy(r => r.Sequence)
                           .AsAsyncEnumerable().WithCancellation(ct))
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
        r.Hash) { Node = r.Node };
}
