using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using static Linkage.Testing.TestNetwork;
using AdministrationContract = Linkage.Contracts.V1.Administration;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// An administrator, or Hitachinaka's health management system, flags a resident: Mito's inquiry about them comes back
/// HELD while the flag is in force, an unflagged resident's is answered, and after clearing the flagged resident's is
/// answered too.
/// </summary>
public sealed class HoldFlagTests : IAsyncLifetime
{
    private const int Flagged = 23;
    private const int Unflagged = 24;
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync();

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task A_flagged_resident_is_held_an_unflagged_one_provided_and_after_clearing_both_are_provided()
    {
        var inquiry = new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito));
        var mitoPersons = new Dictionary<int, string>();
        foreach (var resident in new[] { Flagged, Unflagged })
        {
            await _network.ProvideableResidentAsync(resident);
            mitoPersons[resident] = _network.Population.InternalAddressNumberOf(resident, MitoPrefix);
            await _network.AcquireSymbolAsync(_network.MitoGateway, Mito, mitoPersons[resident], resident);
        }
        async Task<ProvisionOutcome> AskAsync(int resident) => (await inquiry.InquireAsync(new InquireRequest
        {
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            InternalAddressNumber = mitoPersons[resident],
            ProviderInstitutionCode = Hitachinaka,
        })).Outcome;

        var admin = new AdministrationContract.AdministrationClient(_network.Staff(_network.Hitachi, Roles.Administrator));
        var flagged = _network.Population.InternalAddressNumberOf(Flagged, HitachinakaPrefix);
        var flag = await admin.SetHoldFlagAsync(new SetHoldFlagRequest
            { InternalAddressNumber = flagged, Reason = Contracts.V1.HoldFlagReason.SupportMeasure });

        Assert.Equal(ProvisionOutcome.Held, await AskAsync(Flagged));
        Assert.Equal(ProvisionOutcome.Provided, await AskAsync(Unflagged));

        await admin.ClearHoldFlagAsync(new ClearHoldFlagRequest { FlagId = flag.FlagId, Reason = "support measure ended" });

        Assert.Equal(ProvisionOutcome.Provided, await AskAsync(Flagged));
        // Hitachinaka's records: what was held and why, in the flag's reason code; the rest answered.
        Assert.Equal([(ProvisionOutcome.Held, "SUPPORT_MEASURE"), (ProvisionOutcome.Provided, ""), (ProvisionOutcome.Provided, "")],
            (await _network.RecordsAsync(_network.Hitachi)).Where(r => r.Direction == RecordDirection.Incoming)
                .Select(r => (r.Outcome, r.Reason)));
        _network.AssertLogsClean(flagged, mitoPersons[Flagged]);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_resident_the_health_system_flags_with_its_copies_is_held_until_it_clears_the_flag()
    {
        const int resident = 25;
        await _network.ProvideableResidentAsync(resident);
        var mitoPerson = _network.Population.InternalAddressNumberOf(resident, MitoPrefix);
        await _network.AcquireSymbolAsync(_network.MitoGateway, Mito, mitoPerson, resident);
        var inquiry = new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito));
        async Task<ProvisionOutcome> AskAsync() => (await inquiry.InquireAsync(new InquireRequest
        {
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            InternalAddressNumber = mitoPerson,
            ProviderInstitutionCode = Hitachinaka,
        })).Outcome;

        var backOffice = new CopyRegistration.CopyRegistrationClient(_network.HealthSystem(_network.Hitachi, Hitachinaka));
        var flagged = _network.Population.InternalAddressNumberOf(resident, HitachinakaPrefix);
        var flag = await backOffice.SetHoldFlagAsync(new SetHoldFlagRequest
            { InternalAddressNumber = flagged, InformationNameCode = Osteoporosis, Reason = Contracts.V1.HoldFlagReason.DataUnderCorrection });

        Assert.Equal(ProvisionOutcome.Held, await AskAsync());

        await backOffice.ClearHoldFlagAsync(new ClearHoldFlagRequest { FlagId = flag.FlagId, Reason = "correction registered" });

        Assert.Equal(ProvisionOutcome.Provided, await AskAsync());
        Assert.Equal([(ProvisionOutcome.Held, "DATA_UNDER_CORRECTION"), (ProvisionOutcome.Provided, "")],
            (await _network.RecordsAsync(_network.Hitachi)).Where(r => r.Direction == RecordDirection.Incoming)
                .Select(r => (r.Outcome, r.Reason)));
        _network.AssertLogsClean(flagged, mitoPerson);
    }
}
