using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Domain.Provision;
using Linkage.Domain.Records;

namespace Linkage.Domain.Tests;

/// <summary>
/// The inquiry's own header must agree with its permit in every field (id, affair, procedure, information name): one
/// field that differs is enough to refuse it as <c>PERMIT_MISMATCH</c>, before its permit id is reserved.
/// </summary>
public sealed class ProvisionHeaderTests
{
    private readonly ProvisionScenario _provider = new();

    public static TheoryData<string> Fields => ["inquiry id", "affair", "procedure", "information name"];

    private static IncomingInquiry DifferingIn(string field, IncomingInquiry inquiry) => field switch
    {
        "inquiry id" => inquiry with { InquiryId = "1f2e3d4c5b6a79880796a5b4c3d2e1f0" },
        "affair" => inquiry with { AffairCode = Seed.OtherAffair },
        "procedure" => inquiry with { ProcedureCode = Seed.OtherProcedure },
        "information name" => inquiry with { InformationNameCode = Seed.Cancer },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task An_inquiry_whose_header_differs_from_its_permit_in_one_field_is_refused(string field)
    {
        var permit = Seed.Permit();
        var inquiry = DifferingIn(field, ProvisionScenario.InquiryFor(permit));

        var error = await Assert.ThrowsAsync<DomainException>(() => _provider.ProvideAsync(permit, inquiry));

        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(ErrorReasons.PermitMismatch, error.Reason);
        Assert.Empty(_provider.Guard.Attempts); // refused before the permit id was reserved: the permit is not used up
        Assert.Empty(_provider.Sealer.Seals);

        // The permit verified, so the record names it; no list entry was matched yet, so the legal basis is the permit's.
        var (entry, accepted) = Assert.Single(_provider.Records.Attempts);
        Assert.Null(accepted);
        Assert.Equal(new ProvisionRecordEntry(Seed.Now, RecordDirection.Incoming, Seed.InquiryId, Seed.PermitId, Seed.Mito,
            Seed.Hitachinaka, Seed.Affair, Seed.Procedure, Seed.Osteoporosis, Seed.PermitLegalBasis,
            ProvisionOutcome.NotProvided, ErrorReasons.PermitMismatch, null), entry);
    }

    [Fact]
    public async Task An_inquiry_whose_header_agrees_with_its_permit_is_answered()
    {
        var result = await _provider.ProvideAsync(Seed.Permit());
        Assert.Equal(ProvisionOutcome.Provided, result.Outcome);
    }
}
