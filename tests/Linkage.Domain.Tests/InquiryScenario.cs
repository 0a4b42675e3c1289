using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Tests;

/// <summary>
/// Mito's gateway as the inquirer, on fakes: the seed's list, the resident's symbol in Mito, a network that provides,
/// and a clock stopped at <see cref="Seed.Now"/>. A test changes what it needs before it builds a handler.
/// </summary>
internal sealed class InquiryScenario
{
    public static readonly InstitutionScope Scope = new(InstitutionCode.Parse(Seed.Mito));

    public RecordingRecordWriter Records { get; } = new();
    public InMemoryPendingInquiryStore Pending { get; } = new();
    public FakeOpener Opener { get; } = new();
    public ScriptedNetwork Network { get; } = ScriptedNetwork.Answering(ProvisionOutcome.Provided);
    public PermittedList? List { get; set; } = Seed.List();
    public DateTimeOffset Now { get; set; } = Seed.Now;
    public FakeInstitutionKeys Keys { get; } = new(Seed.Mito);

    public InquiryHandler Handler() => new(Scope, new FakeListSource(List),
        new FakeSymbolStore(Symbol.Parse(Seed.InquirerSymbol), Seed.InquirerPerson), Network, Pending, Opener, Records,
        Keys, new FixedClock(Now));

    /// <summary>The back office asks Hitachinaka for the resident's osteoporosis screening.</summary>
    public static InquiryRequest Request(string person = Seed.InquirerPersonNumber, string informationName = Seed.Osteoporosis) =>
        new(Seed.Affair, Seed.Procedure, informationName, person, Seed.Hitachinaka);

    public Task<InquiryResult> InquireAsync(InquiryRequest? request = null) =>
        Handler().InquireAsync(request ?? Request(), CancellationToken.None);

    public AnswerDelivery Delivery(PermitClaims answered) =>
        new(Scope, new FakeVerifier(answered), Pending, Opener, Records, new FixedClock(Now));

    /// <summary>Our inquiry that Hitachinaka held, waiting for its answer.</summary>
    public static PendingInquiry HeldInquiry(string inquiryId = Seed.InquiryId) => new(inquiryId, Seed.PermitId,
        InstitutionCode.Parse(Seed.Hitachinaka), AffairCode.Parse(Seed.Affair), ProcedureCode.Parse(Seed.Procedure),
        InformationNameCode.Parse(Seed.Osteoporosis), Seed.ListLegalBasis, Seed.InquirerPerson,
        [.. Enumerable.Repeat((byte)0x44, 32)], Seed.Now.AddDays(-2));
}
