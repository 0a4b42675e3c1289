using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.Registry.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Symbols;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>One-by-one symbol acquisition: address system → registry → gateway → hub → registry, and its refusals.</summary>
public sealed class SymbolAcquisitionTests(SymbolNetworkFixture fixture) : IClassFixture<SymbolNetworkFixture>
{
    private TestNetwork Network => fixture.Network;

    private SymbolManagement.SymbolManagementClient Symbols(TestHost gateway) =>
        new(Network.AddressSystem(gateway, gateway == Network.MitoGateway ? Mito : Hitachinaka));

    private async Task<string> AcquisitionNumberAsync(int resident) =>
        (await new ResidentRegistry.ResidentRegistryClient(Network.RegistryChannel(Hitachinaka)).IssueAcquisitionNumberAsync(
            new IssueAcquisitionNumberRequest { IndividualNumber = Network.Population.IndividualNumberOf(resident) })).AcquisitionNumber;

    private string Person(int resident) => Network.Population.InternalAddressNumberOf(resident, HitachinakaPrefix);

    private ISymbolStore Store => Network.Hitachi.Services.GetRequiredService<ISymbolStore>();

    [Fact(Timeout = 60_000)]
    public async Task A_symbol_is_acquired_and_looked_up_both_ways()
    {
        const int resident = 1;
        Assert.False(await Network.AddressSystem(Network.Hitachi).AcquireOneAsync(resident));

        var mapping = await Symbols(Network.Hitachi).GetMappingAsync(new GetMappingRequest { InternalAddressNumber = Person(resident) });
        Assert.True(mapping.Acquired);
        Assert.False(mapping.Retired);
        var person = InternalAddressNumber.Parse(Person(resident));
        var symbol = await Store.FindSymbolAsync(person, default);
        Assert.NotNull(symbol);
        Assert.Equal(person, await Store.FindPersonAsync(symbol.Value, default));
    }

    [Fact(Timeout = 60_000)]
    public async Task Acquiring_again_with_a_new_acquisition_number_is_idempotent()
    {
        const int resident = 2;
        var addressSystem = Network.AddressSystem(Network.Hitachi);
        Assert.False(await addressSystem.AcquireOneAsync(resident));
        var before = await Store.FindSymbolAsync(InternalAddressNumber.Parse(Person(resident)), default);

        Assert.True(await addressSystem.AcquireOneAsync(resident));
        Assert.Equal(before, await Store.FindSymbolAsync(InternalAddressNumber.Parse(Person(resident)), default));
    }

    [Fact(Timeout = 60_000)]
    public async Task Symbols_of_two_institutions_for_one_person_differ()
    {
        const int resident = 3;
        await Network.AddressSystem(Network.Hitachi).AcquireOneAsync(resident);
        await Network.AddressSystem(Network.MitoGateway).AcquireOneAsync(resident);
        var ours = await Store.FindSymbolAsync(InternalAddressNumber.Parse(Person(resident)), default);
        var theirs = await Network.MitoGateway.Services.GetRequiredService<ISymbolStore>()
            .FindSymbolAsync(InternalAddressNumber.Parse(Network.Population.InternalAddressNumberOf(resident, MitoPrefix)), default);
        Assert.NotNull(ours);
        Assert.NotNull(theirs);
        Assert.NotEqual(ours.Value.Value, theirs.Value.Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_conflicting_mapping_is_refused_and_the_existing_one_kept()
    {
        const int resident = 4, other = 5;
        await Network.AddressSystem(Network.Hitachi).AcquireOneAsync(resident);
        var before = await Store.FindSymbolAsync(InternalAddressNumber.Parse(Person(resident)), default);

        // Another person's acquisition number presented for this person: the hub answers the other person's symbol.
        var othersNumber = await AcquisitionNumberAsync(other);
        var error = await Assert.ThrowsAsync<RpcException>(() => Symbols(Network.Hitachi).AcquireSymbolAsync(
            new AcquireSymbolRequest { InternalAddressNumber = Person(resident), AcquisitionNumber = othersNumber }).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("SYMBOL_CONFLICT", error.Reason());

        // This person's symbol presented for another internal address number.
        var ownNumber = await AcquisitionNumberAsync(resident);
        error = await Assert.ThrowsAsync<RpcException>(() => Symbols(Network.Hitachi).AcquireSymbolAsync(
            new AcquireSymbolRequest { InternalAddressNumber = Person(other), AcquisitionNumber = ownNumber }).ResponseAsync);
        Assert.Equal("SYMBOL_CONFLICT", error.Reason());

        Assert.Equal(before, await Store.FindSymbolAsync(InternalAddressNumber.Parse(Person(resident)), default));
        Assert.Null(await Store.GetMappingAsync(InternalAddressNumber.Parse(Person(other)), default));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("0822100000001")]
    [InlineData("08221000000000X")]
    [InlineData("")]
    public async Task A_malformed_internal_address_number_is_a_field_violation(string malformed)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Symbols(Network.Hitachi).AcquireSymbolAsync(
            new AcquireSymbolRequest { InternalAddressNumber = malformed, AcquisitionNumber = "1234567890123456" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("internal_address_number", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_individual_number_sent_by_mistake_is_refused_without_being_echoed_or_logged()
    {
        var individualNumber = Network.Population.IndividualNumberOf(13);
        var error = await Assert.ThrowsAsync<RpcException>(() => Symbols(Network.Hitachi).AcquireSymbolAsync(
            new AcquireSymbolRequest { InternalAddressNumber = individualNumber, AcquisitionNumber = "1234567890123456" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.DoesNotContain(individualNumber, error.Status.Detail);
        Assert.DoesNotContain(individualNumber, string.Join(' ', error.FieldViolations().Select(v => v.Description)));
        Assert.DoesNotContain(individualNumber, Network.Hitachi.Logs.AllText());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_malformed_acquisition_number_is_a_field_violation()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Symbols(Network.Hitachi).AcquireSymbolAsync(
            new AcquireSymbolRequest { InternalAddressNumber = Person(6), AcquisitionNumber = "12345" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("acquisition_number", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_acquisition_number_is_refused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Symbols(Network.Hitachi).AcquireSymbolAsync(
            new AcquireSymbolRequest { InternalAddressNumber = Person(7), AcquisitionNumber = "0000000000000000" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("ACQUISITION_NUMBER_UNKNOWN", error.Reason());
    }

    [Fact(Timeout = 60_000)]
    public async Task An_acquisition_number_is_valid_once()
    {
        const int resident = 8;
        var number = await AcquisitionNumberAsync(resident);
        await Symbols(Network.Hitachi).AcquireSymbolAsync(new AcquireSymbolRequest { InternalAddressNumber = Person(resident), AcquisitionNumber = number });

        // Redeemed once at the registry: presented again (by another institution) it is refused.
        var error = await Assert.ThrowsAsync<RpcException>(() => Symbols(Network.MitoGateway).AcquireSymbolAsync(new AcquireSymbolRequest
        {
            InternalAddressNumber = Network.Population.InternalAddressNumberOf(resident, MitoPrefix),
            AcquisitionNumber = number,
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("ACQUISITION_NUMBER_USED", error.Reason());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_person_who_left_keeps_the_mapping_but_is_no_longer_answered_for()
    {
        const int resident = 9;
        var symbols = Symbols(Network.Hitachi);
        await Network.AddressSystem(Network.Hitachi).AcquireOneAsync(resident);
        var symbol = await Store.FindSymbolAsync(InternalAddressNumber.Parse(Person(resident)), default);

        var retired = await symbols.RetirePersonAsync(new RetirePersonRequest { InternalAddressNumber = Person(resident) });
        Assert.False(retired.AlreadyRetired);
        var again = await symbols.RetirePersonAsync(new RetirePersonRequest { InternalAddressNumber = Person(resident) });
        Assert.True(again.AlreadyRetired);
        Assert.Equal(retired.RetiredAt, again.RetiredAt);

        var mapping = await symbols.GetMappingAsync(new GetMappingRequest { InternalAddressNumber = Person(resident) });
        Assert.True(mapping.Acquired);
        Assert.True(mapping.Retired);
        Assert.Equal(retired.RetiredAt, mapping.RetiredAt);
        Assert.Null(await Store.FindSymbolAsync(InternalAddressNumber.Parse(Person(resident)), default));
        Assert.Null(await Store.FindPersonAsync(symbol!.Value, default));

        // Not re-acquired: the retirement is not silently undone.
        var error = await Assert.ThrowsAsync<RpcException>(() => Network.AddressSystem(Network.Hitachi).AcquireOneAsync(resident));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("PERSON_RETIRED", error.Reason());

        // Another municipality asking about the person gets "not provided".
        await Network.AddressSystem(Network.MitoGateway).AcquireOneAsync(resident);
        var answer = await new Inquiry.InquiryClient(Network.HealthSystem(Network.MitoGateway, Mito)).InquireAsync(new InquireRequest
        {
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            InternalAddressNumber = Network.Population.InternalAddressNumberOf(resident, MitoPrefix),
            ProviderInstitutionCode = Hitachinaka,
        });
        Assert.Equal(ProvisionOutcome.NotProvided, answer.Outcome);
    }

    [Fact(Timeout = 60_000)]
    public async Task Retiring_a_person_without_a_symbol_is_refused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Symbols(Network.Hitachi).RetirePersonAsync(
            new RetirePersonRequest { InternalAddressNumber = Person(10) }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("SYMBOL_NOT_ACQUIRED", error.Reason());
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unacquired_person_has_no_mapping()
    {
        var mapping = await Symbols(Network.Hitachi).GetMappingAsync(new GetMappingRequest { InternalAddressNumber = Person(11) });
        Assert.False(mapping.Acquired);
        Assert.False(mapping.Retired);
    }
}
