using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Review;
using Linkage.Domain.Symbols;

namespace Linkage.Domain.Tests;

/// <summary>A verifier that trusts every signature and hands back the claims the test chose, or refuses as it was told.</summary>
internal sealed class FakeVerifier(Func<SignedPermitData?, PermitClaims> verify) : IPermitVerifier
{
    public FakeVerifier(PermitClaims claims) : this(_ => claims) { }

    public static FakeVerifier Refusing(Exception refusal) => new(_ => throw refusal);

    public PermitClaims Verify(SignedPermitData? signed) => verify(signed);
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

/// <summary>Knows one person and their symbol, in both directions; nobody else.</summary>
internal sealed class FakeSymbolStore(Symbol symbol, InternalAddressNumber person) : ISymbolStore
{
    public Task<InternalAddressNumber?> FindPersonAsync(Symbol s, CancellationToken ct) =>
        Task.FromResult<InternalAddressNumber?>(s == symbol ? person : null);

    public Task<Symbol?> FindSymbolAsync(InternalAddressNumber p, CancellationToken ct) =>
        Task.FromResult<Symbol?>(p == person ? symbol : null);

    public Task<SymbolMapping?> GetMappingAsync(InternalAddressNumber p, CancellationToken ct) => throw new NotSupportedException();
    public Task<IReadOnlyList<MappingOutcome>> AddManyAsync(
        IReadOnlyList<(InternalAddressNumber Person, Symbol Symbol)> mappings, DateTimeOffset acquiredAt, CancellationToken ct) =>
        throw new NotSupportedException();
    public Task<SymbolMapping?> RetireAsync(InternalAddressNumber p, DateTimeOffset retiredAt, CancellationToken ct) => throw new NotSupportedException();
    public Task<long> CountAsync(CancellationToken ct) => throw new NotSupportedException();
}

/// <summary>
/// Answers <see cref="ReadCurrentAsync"/> with the copies it holds, filtered by person, name and day; <see cref="Stored"/>
/// may change between calls (a correction), and <see cref="Failure"/> makes the read throw.
/// </summary>
internal sealed class FakeCopyStore(params ProvisionCopy[] stored) : ICopyStore
{
    public List<ProvisionCopy> Stored { get; } = [.. stored];

    public Func<Exception>? Failure { get; set; }

    public Task<IReadOnlyList<ProvisionCopy>> ReadCurrentAsync(InternalAddressNumber person, InformationNameCode name, DateOnly day, CancellationToken ct) =>
        Failure is { } failure
            ? Task.FromException<IReadOnlyList<ProvisionCopy>>(failure())
            : Task.FromResult<IReadOnlyList<ProvisionCopy>>(
                Stored.Where(c => c.Person == person && c.InformationName == name && c.IsValidOn(day)).ToList());

    public Task RegisterAsync(ProvisionCopy copy, CancellationToken ct) => throw new NotSupportedException();
    public Task<long> CountCurrentAsync(CancellationToken ct) => throw new NotSupportedException();
    public Task<int> DeleteAsync(InternalAddressNumber person, InformationNameCode name, string recordKey, CancellationToken ct) =>
        throw new NotSupportedException();
    public Task<StoredCopy?> GetAsync(InternalAddressNumber person, InformationNameCode name, string recordKey, CancellationToken ct) =>
        throw new NotSupportedException();
}

/// <summary>Holds nothing: every answer is decided at once.</summary>
internal sealed class NoHoldFlags : IHoldPolicy
{
    public Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct) =>
        Task.FromResult<string?>(null);
}

/// <summary>Holds every answer with one reason.</summary>
internal sealed class HoldEverything(string reason) : IHoldPolicy
{
    public Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct) =>
        Task.FromResult<string?>(reason);
}

/// <summary>
/// Held responses in memory, created and decided through <see cref="Apply"/> as the record writer would in its
/// transaction: a decision from a state the response is no longer in is refused. <see cref="Failure"/> makes applying throw.
/// </summary>
internal sealed class InMemoryHeldResponseStore : IHeldResponseStore
{
    private readonly Dictionary<string, HeldResponse> _held = [];
    private readonly List<ReviewEntry> _history = [];

    public Exception? Failure { get; set; }
    public IReadOnlyCollection<HeldResponse> Saved => _held.Values;
    public List<OutgoingAnswer> Outbox { get; } = [];
    public IReadOnlyList<ReviewEntry> History => _history;

    public void Apply(RecordAttachment attachment)
    {
        if (Failure is { } failure) throw failure;
        switch (attachment)
        {
            case HeldCreated created:
                _held.TryAdd(created.Held.PermitId, created.Held);
                break;
            case HeldDecided decided:
                if (!_held.TryGetValue(decided.PermitId, out var held) || held.State != decided.From)
                    throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.HeldAlreadyDecided, "decided already");
                _held[decided.PermitId] = held with { State = decided.To, AnswerKey = null };
                _history.Add(decided.Step);
                if (decided.Answer is { } answer) Outbox.Add(answer);
                break;
        }
    }

    public Task<HeldResponse?> FindAsync(string permitId, CancellationToken ct) => Task.FromResult(_held.GetValueOrDefault(permitId));

    public Task<HeldPage> ListAsync(HeldFilter filter, string? pageToken, int pageSize, DateTimeOffset now, CancellationToken ct) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<ReviewEntry>> HistoryAsync(string permitId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ReviewEntry>>(_history.Where(h => h.PermitId == permitId).ToList());

    public Task<bool> RecordFirstApprovalAsync(ReviewEntry entry, CancellationToken ct)
    {
        if (!_held.TryGetValue(entry.PermitId, out var held) || held.State != HeldState.Waiting) return Task.FromResult(false);
        _held[entry.PermitId] = held with { State = HeldState.FirstApproval, FirstApprovedBy = entry.StaffId };
        _history.Add(entry);
        return Task.FromResult(true);
    }

    public Task<bool> ExtendDeadlineAsync(ReviewEntry entry, DateTimeOffset deadline, CancellationToken ct)
    {
        if (!_held.TryGetValue(entry.PermitId, out var held) || held.IsDecided) return Task.FromResult(false);
        _held[entry.PermitId] = held with { Deadline = deadline, Escalated = false };
        _history.Add(entry);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<HeldSummary>> EscalateOverdueAsync(DateTimeOffset now, CancellationToken ct) => throw new NotSupportedException();

    public Task<int> CountEscalatedAsync(CancellationToken ct) => throw new NotSupportedException();
}

/// <summary>
/// Seals to bytes that name the copies sealed ("record key@version", comma-separated), notes each seal with the held
/// answer key it used (null for an immediate answer), or throws <see cref="Failure"/> when one is set.
/// </summary>
internal sealed class FakeSealer : IAnswerSealer
{
    public static readonly byte[] ImmediateSenderKey = [.. Enumerable.Repeat((byte)0x11, 32)];

    private readonly List<(PermitClaims Permit, HeldAnswerKey? Key)> _seals = [];

    public Exception? Failure { get; set; }

    /// <summary>The key <see cref="KeyForHeld"/> fixes for a held answer.</summary>
    public HeldAnswerKey HeldKey { get; } = new([.. Enumerable.Repeat((byte)0x22, 32)], [.. Enumerable.Repeat((byte)0x33, 32)]);

    public IReadOnlyList<(PermitClaims Permit, HeldAnswerKey? Key)> Seals => _seals;

    public static byte[] Names(IEnumerable<ProvisionCopy> copies) =>
        System.Text.Encoding.UTF8.GetBytes(string.Join(",", copies.Select(c => $"{c.RecordKey}@{c.Version}")));

    public SealedAnswer Seal(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies) => Sealed(permit, copies, null);

    public HeldAnswerKey KeyForHeld(PermitClaims permit) => HeldKey;

    public SealedAnswer Seal(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies, HeldAnswerKey key) => Sealed(permit, copies, key);

    private SealedAnswer Sealed(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies, HeldAnswerKey? key)
    {
        if (Failure is { } failure) throw failure;
        _seals.Add((permit, key));
        return new SealedAnswer(key?.SenderPublicKey ?? ImmediateSenderKey, new byte[12], Names(copies));
    }
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

    /// <summary>Where attachments land when the append succeeds (nowhere when null).</summary>
    public InMemoryHeldResponseStore? Held { get; set; }

    public IReadOnlyList<(ProvisionRecordEntry Entry, AcceptedPermit? AcceptedPermit)> Attempts
    {
        get { lock (_gate) return _attempts.ToList(); }
    }

    public IReadOnlyList<ProvisionRecordEntry> Entries => Attempts.Select(a => a.Entry).ToList();

    public Task<long> AppendAsync(ProvisionRecordEntry entry, AcceptedPermit? acceptedPermit, CancellationToken ct, RecordAttachment? attachment = null)
    {
        lock (_gate) _attempts.Add((entry, acceptedPermit));
        if (FailWhen(entry, acceptedPermit) is { } failure) return Task.FromException<long>(failure);
        try
        {
            // As the real writer: the attachment lands with the record, or the append fails with its refusal.
            if (attachment is not null) Held?.Apply(attachment);
        }
        catch (Exception refused)
        {
            return Task.FromException<long>(refused);
        }
        return Task.FromResult(Interlocked.Increment(ref _sequence));
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
