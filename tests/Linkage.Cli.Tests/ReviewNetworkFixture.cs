using System.Text.Json;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Review;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>
/// A test network of its own whose Hitachinaka gateway holds every answer for review, with a reviewer and an
/// administrator signed in through the command line; each test makes its held items by inquiring from Mito.
/// </summary>
public sealed class ReviewNetworkFixture : IAsyncLifetime
{
    public const int Resident = 21;

    private string _mitoPerson = "";

    public TestNetwork Network { get; private set; } = null!;

    public StaffLogin Reviewer { get; private set; } = null!;

    public StaffLogin Administrator { get; private set; } = null!;

    /// <summary>Mito's health management system: it inquires, and picks decided answers up.</summary>
    public Inquiry.InquiryClient Mito { get; private set; } = null!;

    private string SessionFolder { get; } = Directory.CreateTempSubdirectory("linkage-cli-review-").FullName;

    public async Task InitializeAsync()
    {
        Network = await TestNetwork.StartAsync(hitachiServices: services => services.AddSingleton<IHoldPolicy, HoldEverything>());
        await Network.ProvideableResidentAsync(Resident);
        _mitoPerson = Network.Population.InternalAddressNumberOf(Resident, MitoPrefix);
        await Network.AcquireSymbolAsync(Network.MitoGateway, TestNetwork.Mito, _mitoPerson, Resident);
        Mito = new Inquiry.InquiryClient(Network.HealthSystem(Network.MitoGateway, TestNetwork.Mito));
        Reviewer = await SignInAsync(Roles.Reviewer);
        Administrator = await SignInAsync(Roles.Administrator);
    }

    public async Task DisposeAsync()
    {
        await Network.DisposeAsync();
        Directory.Delete(SessionFolder, recursive: true);
    }

    /// <summary>An inquiry from Mito that Hitachinaka holds: its inquiry id, and its held id as review list --json shows it.</summary>
    public async Task<(string InquiryId, string HeldId)> HeldInquiryAsync()
    {
        var asked = await Mito.InquireAsync(new InquireRequest
        {
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            InternalAddressNumber = _mitoPerson,
            ProviderInstitutionCode = Hitachinaka,
        });
        Assert.Equal(ProvisionOutcome.Held, asked.Outcome);
        var list = await Reviewer.RunAsync("review", "list", "--json");
        Assert.True(list.ExitCode == ExitCodes.Ok, list.ToString());
        using var page = JsonDocument.Parse(list.Output);
        var held = page.RootElement.GetProperty("held").EnumerateArray().Single(h => h.GetProperty("inquiryId").GetString() == asked.InquiryId);
        return (asked.InquiryId, held.GetProperty("heldId").GetString()!);
    }

    /// <summary>The outbox delivers in the background: the decided answer for the inquiry, once Mito's back office sees it.</summary>
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

    /// <summary>Hitachinaka's staff member "staff-ROLE", registered, signed in with `linkage signin` into a session file of its own.</summary>
    private async Task<StaffLogin> SignInAsync(string role)
    {
        Network.StaffWithoutSession(Network.Hitachi, role);
        var login = new StaffLogin(Network.Hitachi.Address, Path.Combine(Network.Pki.Folder, $"staff-{role}-{Hitachinaka}"),
            Path.Combine(SessionFolder, role, "session"));
        var run = await CliRun.RunAsync(["signin", .. login.Options]);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        return login;
    }

    private sealed class HoldEverything : IHoldPolicy
    {
        public Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct) =>
            Task.FromResult<string?>("HOLD_FLAG_PERSON");
    }
}
