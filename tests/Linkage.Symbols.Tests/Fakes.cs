using System.Collections.Concurrent;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Symbols;

namespace Linkage.Symbols.Tests;

/// <summary>A hub that answers symbol "S" + the acquisition number, refuses numbers starting with 9, and fails chunks holding 8888….</summary>
internal sealed class FakeIssuer : ISymbolIssuer
{
    public const string Unreachable = "8888888888888888";

    public Task<Symbol> IssueAsync(AcquisitionNumber acquisitionNumber, CancellationToken ct) =>
        Task.FromResult(Symbol.Parse("S" + acquisitionNumber.Value));

    public Task<IReadOnlyList<IssuedSymbol>> IssueManyAsync(IReadOnlyList<AcquisitionNumber> acquisitionNumbers, CancellationToken ct)
    {
        if (acquisitionNumbers.Any(n => n.Value == Unreachable))
            throw new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable, "The hub is not reachable.");
        return Task.FromResult<IReadOnlyList<IssuedSymbol>>(acquisitionNumbers
            .Select(n => n.Value.StartsWith('9')
                ? IssuedSymbol.Refused(ErrorReasons.AcquisitionNumberUsed, "Used.")
                : new IssuedSymbol(Symbol.Parse("S" + n.Value)))
            .ToList());
    }
}

/// <summary>Mappings in memory with the store's rules: unique both ways, idempotent, retired people kept.</summary>
internal sealed class FakeStore : ISymbolStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Symbol, DateTimeOffset At, DateTimeOffset? Retired)> _byPerson = [];
    private readonly Dictionary<string, string> _bySymbol = [];

    public int Transactions;

    public Task<InternalAddressNumber?> FindPersonAsync(Symbol symbol, CancellationToken ct) => throw new NotSupportedException();

    public Task<Symbol?> FindSymbolAsync(InternalAddressNumber person, CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult<Symbol?>(_byPerson.TryGetValue(person.Value, out var m) && m.Retired is null ? Symbol.Parse(m.Symbol) : null);
    }

    public Task<SymbolMapping?> GetMappingAsync(InternalAddressNumber person, CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult(_byPerson.TryGetValue(person.Value, out var m) ? new SymbolMapping(m.At, m.Retired) : null);
    }

    public Task<IReadOnlyList<MappingOutcome>> AddManyAsync(IReadOnlyList<(InternalAddressNumber Person, Symbol Symbol)> mappings, DateTimeOffset acquiredAt, CancellationToken ct)
    {
        lock (_gate)
        {
            Transactions++;
            var outcomes = new List<MappingOutcome>();
            foreach (var (person, symbol) in mappings)
            {
                var hasPerson = _byPerson.TryGetValue(person.Value, out var existing);
                var hasSymbol = _bySymbol.TryGetValue(symbol.Value, out var owner);
                if (hasPerson && existing.Retired is not null) outcomes.Add(MappingOutcome.Retired);
                else if (!hasPerson && !hasSymbol)
                {
                    _byPerson[person.Value] = (symbol.Value, acquiredAt, null);
                    _bySymbol[symbol.Value] = person.Value;
                    outcomes.Add(MappingOutcome.Added);
                }
                else outcomes.Add(existing.Symbol == symbol.Value && owner == person.Value ? MappingOutcome.AlreadyExisted : MappingOutcome.Conflict);
            }
            return Task.FromResult<IReadOnlyList<MappingOutcome>>(outcomes);
        }
    }

    public Task<SymbolMapping?> RetireAsync(InternalAddressNumber person, DateTimeOffset retiredAt, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_byPerson.TryGetValue(person.Value, out var m)) return Task.FromResult<SymbolMapping?>(null);
            _byPerson[person.Value] = m with { Retired = m.Retired ?? retiredAt };
            return Task.FromResult<SymbolMapping?>(new SymbolMapping(m.At, m.Retired ?? retiredAt));
        }
    }

    public Task<long> CountAsync(CancellationToken ct)
    {
        lock (_gate) return Task.FromResult((long)_byPerson.Values.Count(m => m.Retired is null));
    }
}

internal sealed class RecordingObserver : ISymbolBatchObserver
{
    public ConcurrentQueue<SymbolBatchCounts> Progresses { get; } = new();
    public ConcurrentQueue<(int Rows, string Reason)> FailedChunks { get; } = new();
    public SymbolBatchCounts? Final { get; private set; }

    public void Progress(SymbolBatchCounts counts) => Progresses.Enqueue(counts);

    public void ChunkFailed(int rows, string reason) => FailedChunks.Enqueue((rows, reason));

    public void Completed(SymbolBatchCounts counts, TimeSpan elapsed) => Final = counts;
}

internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
