using Linkage.Domain.Answers;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;

namespace Linkage.Domain.Tests;

/// <summary>The network as the test scripts it: each inquiry sent is noted, then answered (or refused) by <see cref="Answer"/>.</summary>
internal sealed class ScriptedNetwork(Func<OutgoingInquiry, NetworkAnswer> answer) : INetworkInquirer
{
    private readonly List<OutgoingInquiry> _sent = [];

    public IReadOnlyList<OutgoingInquiry> Sent => _sent;

    public Func<OutgoingInquiry, NetworkAnswer> Answer { get; set; } = answer;

    public static ScriptedNetwork Answering(ProvisionOutcome outcome, string reason = "", byte[]? heldAnswerKey = null) =>
        new(_ => new NetworkAnswer(Seed.PermitId, outcome, reason,
            outcome == ProvisionOutcome.Provided ? FakeOpener.Opened : [], heldAnswerKey));

    public Task<NetworkAnswer> InquireAsync(OutgoingInquiry inquiry, CancellationToken ct)
    {
        _sent.Add(inquiry);
        return Task.FromResult(Answer(inquiry));
    }
}

/// <summary>
/// Opens any answer with a held answer key into <see cref="Opened"/> and notes the call; an answer whose ciphertext is
/// <see cref="Altered"/> is refused as <c>ANSWER_UNDECRYPTABLE</c>, as the real opener refuses an altered one.
/// </summary>
internal sealed class FakeOpener : IAnswerOpener
{
    public static readonly IReadOnlyList<AnsweredRecord> Opened =
        [new AnsweredRecord("2025-57-1", 1, "2025-06-01", "", [new ItemEntry("9N001000000000001", "158.2")])];

    public static readonly byte[] Altered = [0xde, 0xad];

    private readonly List<(byte[] AnswerKey, string PermitId, string InquiryId, SealedAnswer Answer)> _opened = [];

    public IReadOnlyList<(byte[] AnswerKey, string PermitId, string InquiryId, SealedAnswer Answer)> Calls => _opened;

    public IReadOnlyList<AnsweredRecord> Open(byte[] privateKey, string permitId, string inquiryId, SealedAnswer answer) =>
        throw new NotSupportedException("Answers to our inquiries open with their answer key.");

    public IReadOnlyList<AnsweredRecord> OpenWithAnswerKey(byte[] answerKey, string permitId, string inquiryId, SealedAnswer answer)
    {
        _opened.Add((answerKey, permitId, inquiryId, answer));
        if (answer.Ciphertext.AsSpan().SequenceEqual(Altered))
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.AnswerUndecryptable, "The answer was altered.");
        return Opened;
    }
}

/// <summary>
/// Pending inquiries in memory, as the SQLite store keeps them: saved as held, completed once, picked up once.
/// <see cref="BeforeFind"/> lets a test hold a delivery inside the store.
/// </summary>
internal sealed class InMemoryPendingInquiryStore : IPendingInquiryStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, InquiryState> _states = [];
    private readonly List<PendingInquiry> _saved = [];
    private readonly List<(string InquiryId, ProvisionOutcome Outcome, string Reason, SealedAnswer? Answer)> _completions = [];
    private readonly List<string> _pickedUp = [];

    public Func<string, Task> BeforeFind { get; set; } = _ => Task.CompletedTask;

    /// <summary>When set, saving a pending inquiry throws it.</summary>
    public Exception? SaveFailure { get; set; }

    public IReadOnlyList<PendingInquiry> Saved { get { lock (_gate) return _saved.ToList(); } }
    public IReadOnlyList<(string InquiryId, ProvisionOutcome Outcome, string Reason, SealedAnswer? Answer)> Completions
    {
        get { lock (_gate) return _completions.ToList(); }
    }
    public IReadOnlyList<string> PickedUp { get { lock (_gate) return _pickedUp.ToList(); } }

    /// <summary>Puts a state as it would stand after earlier calls.</summary>
    public void Put(InquiryState state) { lock (_gate) _states[state.Inquiry.InquiryId] = state; }

    public Task SaveAsync(PendingInquiry inquiry, CancellationToken ct)
    {
        if (SaveFailure is { } failure) return Task.FromException(failure);
        lock (_gate)
        {
            _saved.Add(inquiry);
            _states.Add(inquiry.InquiryId, new InquiryState(inquiry, ProvisionOutcome.Held, "", null, false));
        }
        return Task.CompletedTask;
    }

    public async Task<InquiryState?> FindAsync(string inquiryId, CancellationToken ct)
    {
        await BeforeFind(inquiryId);
        lock (_gate) return _states.GetValueOrDefault(inquiryId);
    }

    public Task<bool> CompleteAsync(string inquiryId, ProvisionOutcome outcome, string reason, SealedAnswer? answer, CancellationToken ct)
    {
        lock (_gate)
        {
            _completions.Add((inquiryId, outcome, reason, answer));
            if (!_states.TryGetValue(inquiryId, out var state) || state.Outcome != ProvisionOutcome.Held) return Task.FromResult(false);
            _states[inquiryId] = state with { Outcome = outcome, Reason = reason, Answer = answer };
            return Task.FromResult(true);
        }
    }

    public Task MarkPickedUpAsync(string inquiryId, CancellationToken ct)
    {
        lock (_gate)
        {
            _pickedUp.Add(inquiryId);
            _states[inquiryId] = _states[inquiryId] with { PickedUp = true };
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<InquiryState>> ListReadyAsync(int max, CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<InquiryState>>(_states.Values
                .Where(s => s.Outcome != ProvisionOutcome.Held && !s.PickedUp)
                .OrderBy(s => s.Inquiry.CreatedAt).Take(max).ToList());
    }
}

/// <summary>Notes what it was asked to relay back through the hub.</summary>
internal sealed class RecordingRelay : IAnswerRelay
{
    private readonly List<(SignedPermitData Permit, string PermitId, string InquiryId, ProvisionOutcome Outcome, string Reason, SealedAnswer? Answer)> _relayed = [];

    public IReadOnlyList<(SignedPermitData Permit, string PermitId, string InquiryId, ProvisionOutcome Outcome, string Reason, SealedAnswer? Answer)> Relayed =>
        _relayed;

    public Task RelayAsync(SignedPermitData permit, string permitId, string inquiryId, ProvisionOutcome outcome, string reason,
        SealedAnswer? answer, CancellationToken ct)
    {
        _relayed.Add((permit, permitId, inquiryId, outcome, reason, answer));
        return Task.CompletedTask;
    }
}
