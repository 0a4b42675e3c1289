using Linkage.Domain.Staff;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Review;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;
using HeldState = Linkage.Contracts.V1.HeldState;
using DeclineReason = Linkage.Contracts.V1.DeclineReason;
using OperationOutcome = Linkage.Domain.Staff.OperationOutcome;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// When the provider holds an answer for review, the inquirer gets HELD at once; after approval the answer travels
/// back through the hub, and the back office picks it up later — each step recorded at both ends.
/// </summary>
public sealed class HeldAnswerTests : IAsyncLifetime
{
    private const int Resident = 21;
    private TestNetwork _network = null!;

    private sealed class HoldEverything : IHoldPolicy
    {
        public Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct) =>
            Task.FromResult<string?>("HOLD_FLAG_PERSON");
    }

    public async Task InitializeAsync() =>
        _network = await TestNetwork.StartAsync(hitachiServices: services => services.AddSingleton<IHoldPolicy, HoldEverything>());

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task A_held_answer_is_picked_up_after_approval()
    {
        await _network.ProvideableResidentAsync(Resident);
        var mitoPerson = _network.Population.InternalAddressNumberOf(Resident, MitoPrefix);
        await _network.AcquireSymbolAsync(_network.MitoGateway, Mito, mitoPerson, Resident);
        var inquiry = new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito));

        var asked = await inquiry.InquireAsync(new InquireRequest
        {
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            InternalAddressNumber = mitoPerson,
            ProviderInstitutionCode = Hitachinaka,
        });
        Assert.Equal(ProvisionOutcome.Held, asked.Outcome);
        Assert.Empty(asked.Records);
        Assert.Equal(ProvisionOutcome.Held, (await inquiry.GetInquiryResultAsync(new GetInquiryResultRequest { InquiryId = asked.InquiryId })).Outcome);
        Assert.Empty((await inquiry.ListPendingResultsAsync(new ListPendingResultsRequest())).Results);

        var permitId = (await _network.RecordsAsync(_network.MitoGateway)).Single(r => r.InquiryId == asked.InquiryId).PermitId;
        var review = new Review.ReviewClient(_network.Staff(_network.Hitachi, Roles.Reviewer));
        var listed = Assert.Single((await review.ListHeldAsync(new ListHeldRequest())).Held);
        Assert.Equal((permitId, asked.InquiryId, Mito, HeldState.Waiting), (listed.HeldId, listed.InquiryId, listed.InquirerInstitutionCode, listed.State));
        var detail = await review.GetHeldAsync(new GetHeldRequest { HeldId = permitId });
        Assert.Equal((Affair, Procedure, LegalBasis), (detail.AffairCode, detail.ProcedureCode, detail.LegalBasis));
        // In words, from the directory the hub signed with the permitted list.
        Assert.Equal(("水戸市長", AffairName), (detail.InquirerInstitutionName, detail.AffairName));
        Assert.Equal("158.2", (await review.PreviewAnswerAsync(new GetHeldRequest { HeldId = permitId })).Records[0].Items[0].Value);

        var approved = await review.ApproveAsync(new ApproveRequest { HeldId = permitId });
        Assert.Equal(HeldState.Approved, approved.Summary.State);
        Assert.Equal("approve", Assert.Single(approved.History).Decision);

        var ready = await PendingResultAsync(inquiry);
        Assert.Equal(asked.InquiryId, ready.InquiryId);
        var result = await inquiry.GetInquiryResultAsync(new GetInquiryResultRequest { InquiryId = asked.InquiryId });
        Assert.Equal(ProvisionOutcome.Provided, result.Outcome);
        Assert.Equal("158.2", Assert.Single(result.Records).Items[0].Value);
        Assert.Empty((await inquiry.ListPendingResultsAsync(new ListPendingResultsRequest())).Results);

        Assert.Equal([ProvisionOutcome.Held, ProvisionOutcome.Provided],
            (await _network.RecordsAsync(_network.Hitachi)).Where(r => r.InquiryId == asked.InquiryId).Select(r => r.Outcome));
        Assert.Equal([ProvisionOutcome.Held, ProvisionOutcome.Provided],
            (await _network.RecordsAsync(_network.MitoGateway)).Where(r => r.InquiryId == asked.InquiryId).Select(r => r.Outcome));

        // A decision is taken once, and a decided item leaves the list of undecided ones.
        var again = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => review.ApproveAsync(new ApproveRequest { HeldId = permitId }).ResponseAsync);
        Assert.Equal((Grpc.Core.StatusCode.FailedPrecondition, "HELD_ALREADY_DECIDED"), (again.StatusCode, again.Reason()));
        Assert.Empty((await review.ListHeldAsync(new ListHeldRequest())).Held);
        var operations = await _network.Hitachi.Services.GetRequiredService<IOperationLogReader>()
            .ListAsync(new OperationFilter(null, null, null, "/linkage.v1.Review/Approve"), null, 10, CancellationToken.None);
        Assert.Equal([OperationOutcome.Done, OperationOutcome.Refused], operations.Select(o => o.Entry.Outcome));
        _network.AssertLogsClean(mitoPerson, "158.2");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_declined_answer_reaches_the_inquirer_as_not_provided_with_the_reason()
    {
        await _network.ProvideableResidentAsync(Resident);
        var mitoPerson = _network.Population.InternalAddressNumberOf(Resident, MitoPrefix);
        await _network.AcquireSymbolAsync(_network.MitoGateway, Mito, mitoPerson, Resident);
        var inquiry = new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito));
        var asked = await inquiry.InquireAsync(new InquireRequest
        {
            AffairCode = Affair, ProcedureCode = Procedure, InformationNameCode = Osteoporosis,
            InternalAddressNumber = mitoPerson, ProviderInstitutionCode = Hitachinaka,
        });
        var review = new Review.ReviewClient(_network.Staff(_network.Hitachi, Roles.Reviewer));
        var heldId = Assert.Single((await review.ListHeldAsync(new ListHeldRequest())).Held).HeldId;

        var missing = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => review.DeclineAsync(new DeclineRequest { HeldId = heldId }).ResponseAsync);
        Assert.Equal((Grpc.Core.StatusCode.InvalidArgument, "MISSING_FIELD"), (missing.StatusCode, missing.Reason()));
        await review.DeclineAsync(new DeclineRequest { HeldId = heldId, Reason = DeclineReason.SupportMeasure });

        Assert.Equal(asked.InquiryId, (await PendingResultAsync(inquiry)).InquiryId);
        var result = await inquiry.GetInquiryResultAsync(new GetInquiryResultRequest { InquiryId = asked.InquiryId });
        Assert.Equal((ProvisionOutcome.NotProvided, "DECLINED_SUPPORT_MEASURE"), (result.Outcome, result.NotProvidedReason));
        var approveAfter = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => review.ApproveAsync(new ApproveRequest { HeldId = heldId }).ResponseAsync);
        Assert.Equal("HELD_ALREADY_DECIDED", approveAfter.Reason());
        var unknown = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => review.GetHeldAsync(new GetHeldRequest { HeldId = "no-such-permit" }).ResponseAsync);
        Assert.Equal((Grpc.Core.StatusCode.NotFound, "HELD_RESPONSE_NOT_FOUND"), (unknown.StatusCode, unknown.Reason()));
    }

    /// <summary>The outbox delivers in the background: the back office sees the answer once it arrived.</summary>
    private static async Task<PendingResult> PendingResultAsync(Inquiry.InquiryClient inquiry)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var pending = (await inquiry.ListPendingResultsAsync(new ListPendingResultsRequest())).Results;
            if (pending.Count > 0) return Assert.Single(pending);
            await Task.Delay(50);
        }
        throw new TimeoutException("The decided answer did not arrive.");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_inquiry_id_is_not_found()
    {
        var inquiry = new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito));
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            inquiry.GetInquiryResultAsync(new GetInquiryResultRequest { InquiryId = "nope" }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, error.StatusCode);
        Assert.Equal("INQUIRY_NOT_FOUND", error.Reason());
    }
}
