using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Domain.Symbols;
using Microsoft.EntityFrameworkCore;
using Linkage.Storage.Database;

namespace Linkage.Storage.Symbols;

public sealed class DbSymbolStore(IDbContextFactory<LinkageDbContext> contexts, StorageDatabase database, InstitutionScope scope, PersonBySymbolReader people)
    : ISymbolStore, IDisposable
{
    private readonly string _institution = scope.Code.Value;

    // SQLite has one writer at a time; chunks of a batch queue here asynchronously instead of each blocking a
    // thread-pool thread inside BEGIN IMMEDIATE until the busy timeout lets it in.
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task<InternalAddressNumber?> FindPersonAsync(Symbol symbol, CancellationToken ct) => people.FindAsync(symbol);

    public async Task<Symbol?> FindSymbolAsync(InternalAddressNumber person, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var symbol = await db.SymbolMappings.AsNoTracking()
            .Where(m => m.InstitutionCode == _institution && m.InternalAddressNumber == person.Value && m.RetiredAt == null)
            .Select(m => m.Symbol).FirstOrDefaultAsync(ct);
        return symbol is null ? null : Symbol.Parse(symbol);
    }

    public async Task<SymbolMapping?> GetMappingAsync(InternalAddressNumber person, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.SymbolMappings.AsNoTracking()
            .FirstOrDefaultAsync(m => m.InstitutionCode == _institution && m.InternalAddressNumber == person.Value, ct);
        return row is null ? null : new SymbolMapping(row.AcquiredAt, row.RetiredAt);
    }

    public async Task<IReadOnlyList<MappingOutcome>> AddManyAsync(
        IReadOnlyList<(InternalAddressNumber Person, Symbol Symbol)> mappings, DateTimeOffset acquiredAt, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            return await SymbolMappingBatch.WriteAsync(database, _institution, mappings, acquiredAt, ct);
        }
        finally { _writer.Release(); }
    }

    public async Task<SymbolMapping?> RetireAsync(InternalAddressNumber person, DateTimeOffset retiredAt, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Only an active mapping is retired, so the first retirement's time is the one kept.
        await db.SymbolMappings
            .Where(m => m.InstitutionCode == _institution && m.InternalAddressNumber == person.Value && m.RetiredAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.RetiredAt, retiredAt), ct);
        return await GetMappingAsync(person, ct);
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SymbolMappings.LongCountAsync(m => m.InstitutionCode == _institution && m.RetiredAt == null, ct);
    }

    public void Dispose() => _writer.Dispose();
}
