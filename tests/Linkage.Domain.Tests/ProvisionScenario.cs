using Linkage.Domain.Codes;
using Linkage.Domain.Permits;
using Linkage.Domain.Provision;
using Linkage.Domain.Review;

namespace Linkage.Domain.Tests;

/// <summary>
/// Hitachinaka's gateway as the provider, on fakes: the resident's symbol and copies, no holds, a clock stopped at
/// <see cref="Seed.Now"/>, a clock skew of one minute and three days to review a held answer, and a list that lets mayors
/// ask for osteoporosis and, unlike the hub's real list, for periodontal screening too (so that a never-provided name
/// passes the list check). A test changes what it needs before it calls <see cref="ProvideAsync"/>.
/// </summary>
internal sealed class ProvisionScenario
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan ReviewWindow = TimeSpan.FromDays(3);

    public InMemoryReplayGuard Guard { get; } = new();
    public FakeSealer Sealer { get; } = new();
    public InMemoryHeldResponseStore Held { get; } = new();
    public RecordingRecordWriter Records { get; }
    public ReviewSettings Review { get; set; } = ReviewSettings.Default with { DefaultWindow = ReviewWindow };

    public ProvisionScenario() => Records = new RecordingRecordWriter { Held = Held };
    public FakeCopyStore Copies { get; } = new(Seed.Copy(Seed.Osteoporosis), Seed.Copy(Seed.Periodontal));
    public PermittedList? List { get; set; } = Seed.List(Seed.Entry(Seed.Osteoporosis), Seed.Entry(Seed.Periodontal));
    public IHoldPolicy Holds { get; set; } = new NoHoldFlags();
    public DateTimeOffset Now { get; set; } = Seed.Now;
    public FakeInstitutionKeys Keys { get; } = new(Seed.Hitachinaka);

    /// <summary>The gateway's answer size cap; null for the default.</summary>
    public Answers.AnswerSizeCap? AnswerCap { get; set; }

    /// <summary>When set, the verifier refuses with it instead of returning the permit's claims.</summary>
    public Exception? VerifierRefusal { get; set; }

    public ProvisionHandler Handler(PermitClaims permit) => new(
        new InstitutionScope(InstitutionCode.Parse(Seed.Hitachinaka)),
        new ProvisionSettings(MaxClockSkew),
        VerifierRefusal is { } refusal ? FakeVerifier.Refusing(refusal) : new FakeVerifier(permit),
        new FakeListSource(List),
        Guard,
        new FakeSymbolStore(Symbol.Parse(Seed.ProviderSymbol), Seed.Person),
        Copies,
        Holds,
        Review,
        Sealer,
        Records,
        Keys,
        new FixedClock(Now),
        AnswerCap);

    /// <summary>The inquiry as the hub relays it: a header that agrees with the permit.</summary>
    public static IncomingInquiry InquiryFor(PermitClaims permit) => new(permit.InquiryId, permit.Affair.Value,
        permit.Procedure.Value, permit.InformationName.Value, Seed.SignedPermit());

    public Task<ProvisionResult> ProvideAsync(PermitClaims permit, IncomingInquiry? inquiry = null, CancellationToken ct = default) =>
        Handler(permit).ProvideAsync(inquiry ?? InquiryFor(permit), ct);
}
