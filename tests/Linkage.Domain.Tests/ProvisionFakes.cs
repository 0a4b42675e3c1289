using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Review;
using Linkage.Domain.Symbols;

namespace Linkage.Domain.Tests;

/// <summary>A verifier that trusts every signature and hands back the claims the test chose.</summary>
internal sealed class FakeVerifier(PermitClaims claims) : IPermitVerifier
{
    public PermitClaims Verify(SignedPermitData? signed) => claims;
}

internal sealed class FakeListSource(PermittedList? current) : IPermittedListSource
{
    public PermittedList? Current { get; } = current;
}

/// <summary>The replay guard as a real in-memory set: a reservation is observable until it is released.</summary>
internal sealed class InMemoryReplayGuard : IPermitReplayGuard
{
    private readonly object _gate = new();
    private readonly HashSet<string> _reserved = [];
    private readonly List<string> _attempts = [];

    /// <summary>Every permit id that <see cref="TryReserve"/> was called with, in order.</summary>
    public IReadOnlyList<string> Attempts { get { lock (_gate) return _attempts.ToList(); } }

    public bool IsReserved(string permitId) { lock (_gate) return _reserved.Contains(permitId); }

    public bool TryReserve(string permitId, DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            _attempts.Add(permitId);
            return _reserved.Add(permitId);
        }
    }

    public void Release(string permitId) { lock (_gate) _reserved.Remove(permitId); }
}

internal sealed class FakeSymbolStore(Symbol symbol, InternalAddressNumber person) : ISymbolStore
{
    public Task<InternalAddressNumber?> FindPersonAsync(Symbol s, CancellationToken ct) =>
        Task.FromResult<InternalAddressNumber?>(s == symbol ? person : null);

    public Task<Symbol?> FindSymbolAsync(InternalAddressNumber p, CancellationToken ct) => throw new NotSupportedException();
    public Task<SymbolMapping?> GetMappingAsync(InternalAddressNumber p, CancellationToken ct) => throw new NotSupportedException();
    public Task<IReadOnlyList<MappingOutcome>> AddManyAsync(
        IReadOnlyList<(InternalAddressNumber Person, Symbol Symbol)> mappings, DateTimeOffset acquiredAt, CancellationToken ct) =>
        throw new NotSupportedException();
    public Task<SymbolMapping?> RetireAsync(InternalAddressNumber p, DateTimeOffset retiredAt, CancellationToken ct) => throw new NotSupportedException();
    public Task<long> CountAsync(CancellationToken ct) => throw new NotSupportedException();
}

/// <summary>Answers <see cref="ReadCurrentAsync"/> with the copies it was given, filtered by person, name and day.</summary>
internal sealed class FakeCopyStore(params ProvisionCopy[] stored) : ICopyStore
{
    public Task<IReadOnlyList<ProvisionCopy>> ReadCurrentAsync(InternalAddressNumber person, InformationNameCode name, DateOnly day, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ProvisionCopy>>(
            stored.Where(c => c.Person == person && c.InformationName == name && c.IsValidOn(day)).ToList());

    public Task RegisterAsync(ProvisionCopy copy, CancellationToken ct) => throw new NotSupportedException();
    public Task<long> CountCurrentAsync(CancellationToken ct) => throw new NotSupportedException();
    public Task<int> DeleteAsync(InternalAddressNumber person, InformationNameCode name, string recordKey, CancellationToken ct) =>
        throw new NotSupportedException();
    public Task<StoredCopy?> GetAsync(InternalAddressNumber person, InformationNameCode name, string recordKey, CancellationToken ct) =>
        throw new NotSupportedException();
}

internal sealed class NoHolds : IHoldPolicy
{
    public Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct) =>
        Task.FromResult<string?>(null);
}

/// <summary>Nothing is held in these tests: any use of the store is a test failure.</summary>
internal sealed class UnusedHeldResponseStore : IHeldResponseStore
{
    public Task SaveAsync(HeldResponse held, CancellationToken ct) => throw new NotSupportedException();
    public Task<HeldResponse?> FindUndecidedAsync(string permitId, CancellationToken ct) => throw new NotSupportedException();
    public Task<bool> DecideAsync(string permitId, ProvisionOutcome outcome, string reason, DateTimeOffset decidedAt, CancellationToken ct) =>
        throw new NotSupportedException();
}

/// <summary>Seals to fixed bytes, or throws <see cref="Failure"/> when one is set.</summary>
internal sealed class FakeSealer : IAnswerSealer
{
    public Exception? Failure { get; set; }

    public SealedAnswer Seal(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies) =>
        Failure is { } failure ? throw failure : new SealedAnswer(new byte[32], new byte[12], [1, 2, 3]);

    public HeldAnswerKey KeyForHeld(PermitClaims permit) => new(new byte[32], new byte[32]);

    public SealedAnswer Seal(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies, HeldAnswerKey key) => Seal(permit, copies);
}

/// <summary>
/// Keeps every entry it was given, in order, whether or not the append then fails: <see cref="FailWhen"/> decides
/// per call which exception (if any) the append throws after the attempt was noted.
/// </summary>
internal sealed class RecordingRecordWriter : IRecordWriter
{
    private readonly object _gate = new();
    private readonly List<(ProvisionRecordEntry Entry, AcceptedPermit? AcceptedPermit)> _attempts = [];
    private long _sequence;

    public Func<ProvisionRecordEntry, AcceptedPermit?, Exception?> FailWhen { get; set; } = (_, _) => null;

    public IReadOnlyList<(ProvisionRecordEntry Entry, AcceptedPermit? AcceptedPermit)> Attempts
    {
        get { lock (_gate) return _attempts.ToList(); }
    }

    public Task<long> AppendAsync(ProvisionRecordEntry entry, AcceptedPermit? acceptedPermit, CancellationToken ct)
    {
        lock (_gate) _attempts.Add((entry, acceptedPermit));
        if (FailWhen(entry, acceptedPermit) is { } failure) return Task.FromException<long>(failure);
        return Task.FromResult(Interlocked.Increment(ref _sequence));
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
