using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Review;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

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
        await _network.Hitachi.Services.GetRequiredService<HeldAnswerRelease>().ApproveAsync(permitId, CancellationToken.None);

        var ready = Assert.Single((await inquiry.ListPendingResultsAsync(new ListPendingResultsRequest())).Results);
        Assert.Equal(asked.InquiryId, ready.InquiryId);
        var result = await inquiry.GetInquiryResultAsync(new GetInquiryResultRequest { InquiryId = asked.InquiryId });
        Assert.Equal(ProvisionOutcome.Provided, result.Outcome);
        Assert.Equal("158.2", Assert.Single(result.Records).Items[0].Value);
        Assert.Empty((await inquiry.ListPendingResultsAsync(new ListPendingResultsRequest())).Results);

        Assert.Equal([ProvisionOutcome.Held, ProvisionOutcome.Provided],
            (await _network.RecordsAsync(_network.Hitachi)).Where(r => r.InquiryId == asked.InquiryId).Select(r => r.Outcome));
        Assert.Equal([ProvisionOutcome.Held, ProvisionOutcome.Provided],
            (await _network.RecordsAsync(_network.MitoGateway)).Where(r => r.InquiryId == asked.InquiryId).Select(r => r.Outcome));

        // A decision is taken once.
        var again = await Assert.ThrowsAsync<Domain.Errors.DomainException>(() =>
            _network.Hitachi.Services.GetRequiredService<HeldAnswerRelease>().ApproveAsync(permitId, CancellationToken.None));
        Assert.Equal("HELD_RESPONSE_NOT_FOUND", again.Reason);
        _network.AssertLogsClean(mitoPerson, "158.2");
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
