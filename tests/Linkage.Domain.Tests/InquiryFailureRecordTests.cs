using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Symbols;

namespace Linkage.Domain.Tests;

/// <summary>
/// An outgoing inquiry that fails after the hub issued its permit is recorded with that permit id (the provider may
/// have answered and recorded it), whatever the failure, and the failure then reaches the caller unchanged.
/// </summary>
public sealed class InquiryFailureRecordTests
{
    private const string Mito = "1000082015000000";        // this gateway, the inquirer
    private const string Hitachinaka = "1000082210000000"; // the provider
    private const string Affair = "JM00000000000139";
    private const string Procedure = "JT00000000013901";
    private const string Osteoporosis = "TM00000000013903";
    private const string PermitId = "9c1d5e0f7a2b4c8d9e3f6a1b2c4d5e6f";
    private static readonly DateTimeOffset Now = new(2025, 7, 1, 1, 30, 0, TimeSpan.Zero);

    private readonly RecordingRecordWriter _records = new();

    public static TheoryData<string, Exception> Failures => new()
    {
        { ErrorReasons.PeerUnavailable, new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable, "The provider is not reachable.") },
        { ErrorReasons.AnswerUndecryptable, new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.AnswerUndecryptable, "Altered.") },
        { ErrorReasons.Cancelled, new OperationCanceledException("The caller gave up.") },
        { ErrorReasons.Internal, new InvalidOperationException("A defect.") },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failure_after_the_permit_is_recorded_with_the_permit_and_rethrown(string reason, Exception failure)
    {
        var handler = Handler(new FailingAfterPermit(failure));
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => handler.InquireAsync(Request(), CancellationToken.None));

        Assert.Same(failure, thrown);
        var (entry, acceptedPermit) = Assert.Single(_records.Attempts);
        Assert.Null(acceptedPermit);
        Assert.Equal(RecordDirection.Outgoing, entry.Direction);
        Assert.Equal(PermitId, entry.PermitId);
        Assert.Equal(ProvisionOutcome.NotProvided, entry.Outcome);
        Assert.Equal(reason, entry.Reason);
        Assert.Equal(Hitachinaka, entry.ProviderInstitution);
    }

    [Fact]
    public async Task A_refusal_before_any_permit_is_recorded_without_one()
    {
        var refusal = new DomainException(ErrorKind.PermissionDenied, ErrorReasons.InquiryNotPermitted, "Not on the hub's list.");
        var handler = Handler(new RefusingBeforePermit(refusal));
        var thrown = await Assert.ThrowsAsync<DomainException>(() => handler.InquireAsync(Request(), CancellationToken.None));

        Assert.Same(refusal, thrown);
        var (entry, _) = Assert.Single(_records.Attempts);
        Assert.Equal("", entry.PermitId);
        Assert.Equal(ErrorReasons.InquiryNotPermitted, entry.Reason);
    }

    private InquiryHandler Handler(INetworkInquirer network) => new(
        new InstitutionScope(InstitutionCode.Parse(Mito)), new FakeListSource(List()), new OneSymbol(), network,
        new UnusedPendingInquiries(), new UnusedOpener(), _records, new FixedClock(Now));

    private static InquiryRequest Request() => new(Affair, Procedure, Osteoporosis, "082010000000007", Hitachinaka);

    private static PermittedList List() => new(2, Now.AddDays(-1),
        [new PermittedEntry("class:municipal-mayor", AffairCode.Parse(Affair), ProcedureCode.Parse(Procedure),
            InstitutionCode.Parse(Hitachinaka), InformationNameCode.Parse(Osteoporosis), "番号法第19条第8号", new DateOnly(2015, 10, 5), null)],
        new Dictionary<string, IReadOnlySet<string>> { ["class:municipal-mayor"] = new HashSet<string> { Mito, Hitachinaka } },
        new HashSet<long>());

    private sealed class FailingAfterPermit(Exception failure) : INetworkInquirer
    {
        public Task<NetworkAnswer> InquireAsync(OutgoingInquiry inquiry, CancellationToken ct) =>
            Task.FromResult(NetworkAnswer.Failed(PermitId, failure));
    }

    private sealed class RefusingBeforePermit(DomainException refusal) : INetworkInquirer
    {
        public Task<NetworkAnswer> InquireAsync(OutgoingInquiry inquiry, CancellationToken ct) => throw refusal;
    }

    private sealed class OneSymbol : ISymbolStore
    {
        public Task<Symbol?> FindSymbolAsync(InternalAddressNumber p, CancellationToken ct) =>
            Task.FromResult<Symbol?>(Symbol.Parse("S4f2b7c1e9d0a8b3c6e5f4a2d1c0b9e8a"));
        public Task<InternalAddressNumber?> FindPersonAsync(Symbol s, CancellationToken ct) => throw new NotSupportedException();
        public Task<SymbolMapping?> GetMappingAsync(InternalAddressNumber p, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<MappingOutcome>> AddManyAsync(IReadOnlyList<(InternalAddressNumber Person, Symbol Symbol)> mappings,
            DateTimeOffset acquiredAt, CancellationToken ct) => throw new NotSupportedException();
        public Task<SymbolMapping?> RetireAsync(InternalAddressNumber p, DateTimeOffset retiredAt, CancellationToken ct) => throw new NotSupportedException();
        public Task<long> CountAsync(CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class UnusedPendingInquiries : IPendingInquiryStore
    {
        public Task SaveAsync(PendingInquiry inquiry, CancellationToken ct) => throw new NotSupportedException();
        public Task<InquiryState?> FindAsync(string inquiryId, CancellationToken ct) => throw new NotSupportedException();
        public Task<bool> CompleteAsync(string inquiryId, ProvisionOutcome outcome, string reason, SealedAnswer? answer, CancellationToken ct) =>
            throw new NotSupportedException();
        public Task MarkPickedUpAsync(string inquiryId, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<InquiryState>> ListReadyAsync(int max, CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class UnusedOpener : IAnswerOpener
    {
        public IReadOnlyList<AnsweredRecord> Open(byte[] privateKey, string permitId, string inquiryId, SealedAnswer answer) =>
            throw new NotSupportedException();

        public IReadOnlyList<AnsweredRecord> OpenWithAnswerKey(byte[] answerKey, string permitId, string inquiryId, SealedAnswer answer) =>
            throw new NotSupportedException();
    }
}
