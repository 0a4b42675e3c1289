using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Review;
using Linkage.Domain.Review.HoldFlags;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Console.Tests;

/// <summary>
/// A test network whose Hitachinaka gateway holds every answer for review and serves the console; each test makes
/// its own held items by inquiring from Mito, whose back office then picks the decided answers up.
/// </summary>
public sealed class ConsoleNetworkFixture : IAsyncLifetime
{
    /// <summary>More services of the Hitachinaka gateway for one group of tests.</summary>
    internal Action<IServiceCollection>? Configure { get; init; }

    public const int Resident = 31;

    private string _mitoPerson = "";

    public TestNetwork Network { get; private set; } = null!;

    public Inquiry.InquiryClient Mito { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Network = await TestNetwork.StartAsync(hitachiServices: services =>
        {
            services.AddSingleton<IHoldPolicy>(provider => new HoldOneResident(
                () => Network.Population.InternalAddressNumberOf(Resident, HitachinakaPrefix), provider.GetRequiredService<HoldFlagIndex>()));
            // Cancer screening answers need two reviewers here, so the console's two-person state can be seen.
            services.PostConfigure<Gateway.Options.ReviewOptions>(review => review.TwoPersonInformationNames.Add(Cancer));
            Configure?.Invoke(services);
        });
        await Network.ProvideableResidentAsync(Resident);
        _mitoPerson = Network.Population.InternalAddressNumberOf(Resident, MitoPrefix);
        await Network.AcquireSymbolAsync(Network.MitoGateway, TestNetwork.Mito, _mitoPerson, Resident);
        Mito = new Inquiry.InquiryClient(Network.HealthSystem(Network.MitoGateway, TestNetwork.Mito));
    }

    public async Task DisposeAsync() => await Network.DisposeAsync();

    /// <summary>An inquiry from Mito that Hitachinaka holds: its inquiry id and held id.</summary>
    public async Task<(string InquiryId, string HeldId)> HeldInquiryAsync(string informationName = Osteoporosis)
    {
        var asked = await Mito.InquireAsync(new InquireRequest
        {
            AffairCode = Affair, ProcedureCode = Procedure, InformationNameCode = informationName,
            InternalAddressNumber = _mitoPerson, ProviderInstitutionCode = Hitachinaka,
        });
        Assert.Equal(ProvisionOutcome.Held, asked.Outcome);
        var held = await new Review.ReviewClient(Network.Staff(Network.Hitachi, Domain.Staff.Roles.Reviewer))
            .ListHeldAsync(new ListHeldRequest { PageSize = 1000 });
        return (asked.InquiryId, held.Held.Single(h => h.InquiryId == asked.InquiryId).HeldId);
    }

    /// <summary>The decided answer for the inquiry, once the outbox has delivered it to Mito's back office.</summary>
    public async Task<PendingResult> PendingResultAsync(string inquiryId)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var pending = (await Mito.ListPendingResultsAsync(new ListPendingResultsRequest())).Results;
            if (pending.FirstOrDefault(r => r.InquiryId == inquiryId) is { } result) return result;
            await Task.Delay(50);
        }
        throw new TimeoutException("The decided answer did not arrive.");
    }

    /// <summary>A second reviewer ("staff-reviewer-2"), for two-person approval; registered once.</summary>
    public ConsoleClient SecondReviewer() => ExtraStaff("staff-reviewer-2", Domain.Staff.Roles.Reviewer);

    /// <summary>Another staff member of Hitachinaka with a certificate of their own (whose id is also the certificate's name); registered once.</summary>
    public ConsoleClient ExtraStaff(string staffId, string role)
    {
        var peer = new Transport.PeerIdentity(Hitachinaka, role, staffId);
        var registry = Network.Hitachi.Services.GetRequiredService<Domain.Staff.CallerRegistry>();
        if (registry.FindStaff(staffId) is null)
            Network.Hitachi.Services.GetRequiredService<Domain.Staff.RegistryAdministration>().AddStaffAsync(new Domain.Staff.RegistryAdministration.StaffDraft(
                staffId, "職員 " + staffId, [role], [], null, null, Network.Presented(staffId, peer)), CancellationToken.None)
                .GetAwaiter().GetResult();
        return new ConsoleClient(Network.HitachiConsole, Network.Pki.Material(staffId, peer));
    }

    /// <summary>The operation log as an auditor reads it over gRPC.</summary>
    public async Task<IReadOnlyList<OperationView>> OperationsAsync(string rpc) =>
        (await new Records.RecordsClient(Network.Staff(Network.Hitachi, Domain.Staff.Roles.Auditor))
            .ListOperationsAsync(new ListOperationsRequest { Rpc = rpc, PageSize = 1000 })).Operations;

    /// <summary>
    /// A fresh resident of Hitachinaka with a copy and symbols at both gateways: the people whose answers the hold
    /// flags decide (only <see cref="Resident"/> is always held). Returns the person's number at Hitachinaka and at Mito.
    /// </summary>
    public async Task<(string Hitachinaka, string Mito)> FreshResidentAsync(int resident)
    {
        var copy = await Network.ProvideableResidentAsync(resident);
        var mito = Network.Population.InternalAddressNumberOf(resident, MitoPrefix);
        await Network.AcquireSymbolAsync(Network.MitoGateway, TestNetwork.Mito, mito, resident);
        return (copy.InternalAddressNumber, mito);
    }

    public async Task<ProvisionOutcome> InquireAsync(string mitoPerson) => (await Mito.InquireAsync(new InquireRequest
    {
        AffairCode = Affair, ProcedureCode = Procedure, InformationNameCode = Osteoporosis,
        InternalAddressNumber = mitoPerson, ProviderInstitutionCode = Hitachinaka,
    })).Outcome;

    /// <summary>Holds every answer about one resident, and the rest as the gateway's hold flags say.</summary>
    private sealed class HoldOneResident(Func<string> person, HoldFlagIndex flags) : IHoldPolicy
    {
        public Task<string?> HoldReasonAsync(InternalAddressNumber who, InformationNameCode informationName, CancellationToken ct) =>
            who.Value == person() ? Task.FromResult<string?>("HOLD_FLAG_PERSON") : flags.HoldReasonAsync(who, informationName, ct);
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleNetworkGroup : ICollectionFixture<ConsoleNetworkFixture>
{
    public const string Name = "console network";
}
