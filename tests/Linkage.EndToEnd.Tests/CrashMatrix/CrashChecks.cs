using Linkage.Storage.Database;
using Microsoft.EntityFrameworkCore;
using DeliveryState = Linkage.Domain.Review.DeliveryState;
using HeldState = Linkage.Domain.Review.HeldState;
using ProvisionOutcome = Linkage.Domain.Answers.ProvisionOutcome;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests.CrashMatrix;

/// <summary>
/// What must hold of the gateway's data after a restart, read straight from its database (either provider): every
/// acknowledged provision has its record, every acknowledged held answer its held response, every acknowledged decision
/// its state and its outbox item, every acknowledged copy and symbol its one row; and nothing is there twice.
/// </summary>
internal sealed class CrashChecks(IDbContextFactory<LinkageDbContext> contexts, Acknowledged acknowledged)
{
    /// <summary>Asserts the data and returns how many acknowledged items it checked.</summary>
    public async Task<int> AssertDataAsync()
    {
        await using var db = contexts.CreateDbContext();
        var checkedItems = await AssertProvisionsAsync(db);
        checkedItems += await AssertCopiesAsync(db);
        checkedItems += await AssertSymbolsAsync(db);
        return checkedItems;
    }

    private async Task<int> AssertProvisionsAsync(LinkageDbContext db)
    {
        var records = (await db.ProvisionRecords.AsNoTracking().OrderBy(r => r.Node).ThenBy(r => r.Sequence)
                .Select(r => new { r.PermitId, r.Outcome }).ToListAsync())
            .GroupBy(r => r.PermitId).ToDictionary(g => g.Key, g => g.Select(r => (ProvisionOutcome)r.Outcome).ToList());
        // A permit is recorded once when answered, and a held one once more when decided: never more.
        foreach (var (permitId, outcomes) in records)
            Assert.True(outcomes.Count == 1 || (outcomes.Count == 2 && outcomes[0] == ProvisionOutcome.Held && outcomes[1] != ProvisionOutcome.Held),
                $"Permit {permitId} is recorded as {string.Join(", ", outcomes)}.");
        foreach (var (permitId, outcome) in acknowledged.Provisions)
            Assert.True(records.TryGetValue(permitId, out var outcomes) && outcomes[0] == outcome,
                $"The acknowledged provision of permit {permitId} ({outcome}) is recorded as {Described(records.GetValueOrDefault(permitId))}.");

        var held = await db.HeldResponses.AsNoTracking().Select(h => new { h.PermitId, h.State })
            .ToDictionaryAsync(h => h.PermitId, h => (HeldState)h.State);
        foreach (var (permitId, outcome) in acknowledged.Provisions)
            if (outcome == ProvisionOutcome.Held) Assert.True(held.ContainsKey(permitId), $"The acknowledged held answer of permit {permitId} is gone.");

        var outbox = await db.AnswerOutbox.AsNoTracking().Select(o => new { o.PermitId, o.Outcome })
            .ToDictionaryAsync(o => o.PermitId, o => (ProvisionOutcome)o.Outcome);
        foreach (var (permitId, decision) in acknowledged.Decisions)
        {
            var answer = decision == HeldState.Approved ? ProvisionOutcome.Provided : ProvisionOutcome.NotProvided;
            Assert.True(held.GetValueOrDefault(permitId) == decision, $"The held answer of permit {permitId}, {decision} and acknowledged, stands {held.GetValueOrDefault(permitId)}.");
            Assert.True(outbox.GetValueOrDefault(permitId) == answer, $"The outbox holds {outbox.GetValueOrDefault(permitId)} for permit {permitId}, {decision}.");
            Assert.True(records[permitId] is [ProvisionOutcome.Held, var decided] && decided == answer,
                $"Permit {permitId}, {decision}, is recorded as {Described(records[permitId])}.");
        }
        // Nothing leaves the outbox that a reviewer did not decide.
        foreach (var permitId in outbox.Keys)
            Assert.True(held.GetValueOrDefault(permitId) is HeldState.Approved or HeldState.Declined, $"The outbox holds the undecided permit {permitId}.");
        return acknowledged.Provisions.Count + acknowledged.Decisions.Count;
    }

    private async Task<int> AssertCopiesAsync(LinkageDbContext db)
    {
        var complete = (await db.CopyBatches.AsNoTracking().Where(b => b.IsComplete).Select(b => b.Number).ToListAsync()).ToHashSet();
        var copies = (await db.Copies.AsNoTracking().Where(c => c.InformationNameCode == Osteoporosis)
                .Select(c => new { c.InternalAddressNumber, c.RecordKey, c.Version, c.IsCurrent, c.IsDeleted, c.BatchNumber }).ToListAsync())
            .GroupBy(c => (c.InternalAddressNumber, c.RecordKey)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var ((person, recordKey), versions) in copies)
            Assert.True(versions.Count(v => v.IsCurrent) <= 1, $"A copy {recordKey} has {versions.Count(v => v.IsCurrent)} current versions.");
        foreach (var (person, recordKey) in acknowledged.Copies)
        {
            Assert.True(copies.TryGetValue((person, recordKey), out var versions), $"An acknowledged copy {recordKey} is gone.");
            var copy = Assert.Single(versions);
            Assert.True(copy is { Version: 1, IsCurrent: true, IsDeleted: false }, $"An acknowledged copy {recordKey} stands as version {copy.Version}, current {copy.IsCurrent}, deleted {copy.IsDeleted}.");
            Assert.True(copy.BatchNumber is null || complete.Contains(copy.BatchNumber.Value),
                $"An acknowledged copy {recordKey} belongs to batch {copy.BatchNumber}, which is not complete: look-ups do not see it.");
        }
        return acknowledged.Copies.Count;
    }

    private async Task<int> AssertSymbolsAsync(LinkageDbContext db)
    {
        var mappings = (await db.SymbolMappings.AsNoTracking().Select(m => new { m.InternalAddressNumber, m.Symbol }).ToListAsync())
            .GroupBy(m => m.InternalAddressNumber).ToDictionary(g => g.Key, g => g.Select(m => m.Symbol).ToList());
        foreach (var (person, symbol) in acknowledged.Symbols)
            Assert.True(mappings.TryGetValue(person, out var symbols) && symbols is [var only] && only == symbol,
                $"An acknowledged symbol mapping is {(symbols is null ? "gone" : $"there {symbols.Count} times, or with another symbol")}.");
        return acknowledged.Symbols.Count;
    }

    /// <summary>Of a decided answer's outbox item: delivered?</summary>
    public async Task<IReadOnlyDictionary<string, DeliveryState>> OutboxAsync()
    {
        await using var db = contexts.CreateDbContext();
        return await db.AnswerOutbox.AsNoTracking().Select(o => new { o.PermitId, o.State })
            .ToDictionaryAsync(o => o.PermitId, o => (DeliveryState)o.State);
    }

    private static string Described(List<ProvisionOutcome>? outcomes) => outcomes is null ? "nothing" : string.Join(", ", outcomes);
}
