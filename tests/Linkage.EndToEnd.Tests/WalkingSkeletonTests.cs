using Linkage.Domain.Staff;
using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Testing;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// One thin path through every part, over the wire: copy registered at Hitachinaka, symbols acquired at both cities
/// through the hub and the registry, Mito inquires through the hub, Hitachinaka answers from the copy, both record it.
/// </summary>
public sealed class WalkingSkeletonTests : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync();

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task Another_municipality_receives_the_copy_and_both_ends_record_it()
    {
        const int resident = 7;
        var hitachiPerson = _network.Population.InternalAddressNumberOf(resident, HitachinakaPrefix);
        var mitoPerson = _network.Population.InternalAddressNumberOf(resident, MitoPrefix);

        var copy = NetworkScenarios.OsteoporosisCopy(hitachiPerson);
        var copies = new CopyRegistration.CopyRegistrationClient(_network.HealthSystem(_network.Hitachi, Hitachinaka));
        await copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = copy });

        await _network.AcquireSymbolAsync(_network.Hitachi, Hitachinaka, hitachiPerson, resident);
        await _network.AcquireSymbolAsync(_network.MitoGateway, Mito, mitoPerson, resident);

        var inquiry = new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito));
        var answer = await inquiry.InquireAsync(new InquireRequest
        {
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            InternalAddressNumber = mitoPerson,
            ProviderInstitutionCode = Hitachinaka,
        });

        Assert.Equal(ProvisionOutcome.Provided, answer.Outcome);
        var record = Assert.Single(answer.Records);
        Assert.Equal("2025-57-1", record.RecordKey);
        Assert.Equal(copy.Items.Select(i => (i.ItemCode, i.Value)), record.Items.Select(i => (i.ItemCode, i.Value)));

        var provided = await _network.RecordsAsync(_network.Hitachi);
        var incoming = Assert.Single(provided);
        Assert.Equal(RecordDirection.Incoming, incoming.Direction);
        Assert.Equal(Mito, incoming.InquirerInstitutionCode);
        Assert.Equal(ProvisionOutcome.Provided, incoming.Outcome);
        Assert.Equal(LegalBasis, incoming.LegalBasis);
        Assert.Equal(answer.InquiryId, incoming.InquiryId);

        var asked = await _network.RecordsAsync(_network.MitoGateway);
        var outgoing = Assert.Single(asked);
        Assert.Equal(RecordDirection.Outgoing, outgoing.Direction);
        Assert.Equal(Hitachinaka, outgoing.ProviderInstitutionCode);
        Assert.Equal(incoming.PermitId, outgoing.PermitId);

        foreach (var gateway in new[] { _network.Hitachi, _network.MitoGateway })
        {
            var verified = await new Records.RecordsClient(_network.Staff(gateway, Roles.Auditor)).VerifyAsync(new VerifyRequest());
            Assert.True(verified.Intact, string.Join(' ', verified.Chains.Select(c => c.Description)));
        }

        _network.AssertLogsClean(hitachiPerson, mitoPerson, _network.Population.IndividualNumberOf(resident), "158.2", "52.4");
    }

    [Fact(Timeout = 120_000)]
    public async Task An_inquiry_about_a_person_without_a_symbol_is_refused()
    {
        var inquiry = new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito));
        var error = await Assert.ThrowsAsync<RpcException>(() => inquiry.InquireAsync(new InquireRequest
        {
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            InternalAddressNumber = _network.Population.InternalAddressNumberOf(3, MitoPrefix),
            ProviderInstitutionCode = Hitachinaka,
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("SYMBOL_NOT_ACQUIRED", error.Reason());
    }

    [Fact(Timeout = 120_000)]
    public async Task Periodontal_screening_is_not_on_the_permitted_list()
    {
        const int resident = 11;
        var mitoPerson = _network.Population.InternalAddressNumberOf(resident, MitoPrefix);
        await _network.AcquireSymbolAsync(_network.MitoGateway, Mito, mitoPerson, resident);
        var inquiry = new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito));
        var error = await Assert.ThrowsAsync<RpcException>(() => inquiry.InquireAsync(new InquireRequest
        {
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Periodontal,
            InternalAddressNumber = mitoPerson,
            ProviderInstitutionCode = Hitachinaka,
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("INQUIRY_NOT_PERMITTED", error.Reason());
    }

    [Fact(Timeout = 120_000)]
    public async Task An_inquiry_that_fails_after_its_permit_was_issued_is_recorded_with_that_permit()
    {
        const int resident = 13;
        var hitachiPerson = _network.Population.InternalAddressNumberOf(resident, HitachinakaPrefix);
        var mitoPerson = _network.Population.InternalAddressNumberOf(resident, MitoPrefix);
        await _network.AcquireSymbolAsync(_network.Hitachi, Hitachinaka, hitachiPerson, resident);
        await _network.AcquireSymbolAsync(_network.MitoGateway, Mito, mitoPerson, resident);

        // The hub issues the permit, then cannot reach the provider.
        await _network.Hitachi.App.StopAsync();
        var inquiry = new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito));
        var error = await Assert.ThrowsAsync<RpcException>(() => inquiry.InquireAsync(new InquireRequest
        {
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            InternalAddressNumber = mitoPerson,
            ProviderInstitutionCode = Hitachinaka,
        }).ResponseAsync);

        var outgoing = Assert.Single(await _network.RecordsAsync(_network.MitoGateway));
        Assert.Equal(RecordDirection.Outgoing, outgoing.Direction);
        Assert.Equal(ProvisionOutcome.NotProvided, outgoing.Outcome);
        Assert.Equal(error.Reason(), outgoing.Reason);
        Assert.False(string.IsNullOrEmpty(outgoing.PermitId), "the record must name the permit the hub issued");
    }
}
