using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Symbols;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Symbols;

public sealed class SqliteSymbolStore(IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope) : ISymbolStore
{
    private readonly string _institution = scope.Code.Value;

    public async Task<InternalAddressNumber?> FindPersonAsync(Symbol symbol, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var number = await db.SymbolMappings.AsNoTracking()
            .Where(m => m.InstitutionCode == _institution && m.Symbol == symbol.Value && m.RetiredAt == null)
            .Select(m => m.InternalAddressNumber).FirstOrDefaultAsync(ct);
        return number is null ? null : InternalAddressNumber.Parse(number);
    }

    public async Task<Symbol?> FindSymbolAsync(InternalAddressNumber person, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var symbol = await db.SymbolMappings.AsNoTracking()
            .Where(m => m.InstitutionCode == _institution && m.InternalAddressNumber == person.Value && m.RetiredAt == null)
            .Select(m => m.Symbol).FirstOrDefaultAsync(ct);
        return symbol is null ? null : Symbol.Parse(symbol);
    }

    public async Task<DateTimeOffset?> AcquiredAtAsync(InternalAddressNumber person, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.SymbolMappings.AsNoTracking()
            .FirstOrDefaultAsync(m => m.InstitutionCode == _institution && m.InternalAddressNumber == person.Value, ct);
        return row?.AcquiredAt;
    }

    public async Task<bool> AddAsync(InternalAddressNumber person, Symbol symbol, DateTimeOffset acquiredAt, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await db.SymbolMappings.AsNoTracking()
            .Where(m => m.InstitutionCode == _institution
                && (m.InternalAddressNumber == person.Value || m.Symbol == symbol.Value))
            .ToListAsync(ct);
        if (existing.Count > 0)
        {
            if (existing.Count == 1 && existing[0].InternalAddressNumber == person.Value && existing[0].Symbol == symbol.Value)
                return false;
            throw new DomainException(ErrorKind.AlreadyExists, ErrorReasons.SymbolConflict,
                "The person or the symbol is already mapped differently; the existing mapping was kept.");
        }

        db.SymbolMappings.Add(new SymbolMappingRow
        {
            InstitutionCode = _institution,
            InternalAddressNumber = person.Value,
            Symbol = symbol.Value,
            AcquiredAt = acquiredAt,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // A concurrent acquisition for the same person or symbol won the race: decide again against what it stored.
            return await AddAsync(person, symbol, acquiredAt, ct);
        }
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SymbolMappings.LongCountAsync(m => m.InstitutionCode == _institution && m.RetiredAt == null, ct);
    }
}
