using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Review;
using Linkage.Domain.Staff;
using Linkage.Gateway.Options;
using Linkage.Network.Sim.Faults;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.EndToEnd.Tests;

/// <summary>How one inquiry ended for the back office that asked it (<paramref name="State"/>, e.g. "held, then provided").</summary>
public sealed record InquiryEnd(int Ordinal, string? InquiryId, string State, bool Failed);

/// <summary>
/// One run of the whole network while the hub misbehaves as a seeded fault plan says: Mito's back office asks
/// Hitachinaka about one resident after another (some with data, some without, some held for review), Hitachinaka's
/// reviewer decides the held ones, and the run waits until every decided answer was delivered or parked. The inquiries
/// go one at a time, so that the hub numbers the exchanges in the same order every run.
/// </summary>
public sealed class FaultRun
{
    public required long Seed { get; init; }
    public required IReadOnlyList<FaultDecision> Decisions { get; init; }
    public required IReadOnlyList<InquiryEnd> Ends { get; init; }
    public required IReadOnlyList<ProvisionRecordView> InquirerRecords { get; init; }
    public required IReadOnlyList<ProvisionRecordView> ProviderRecords { get; init; }

    /// <summary>Inquiry ids the back office found waiting in ListPendingResults before picking any up, and after.</summary>
    public required IReadOnlyList<string> PendingBeforePickUp { get; init; }
    public required IReadOnlyList<string> PendingAfterPickUp { get; init; }

    /// <summary>Permit ids of decided answers the provider's outbox gave up on.</summary>
    public required IReadOnlyList<string> ParkedDeliveries { get; init; }
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Errors in the logs, by host (the hub, both gateways, the registry).</summary>
    public required IReadOnlyDictionary<string, int> ErrorsLogged { get; init; }

    /// <summary>Where the time went: starting the network and registering, asking, deciding and delivering.</summary>
    public required (TimeSpan Setup, TimeSpan Asking, TimeSpan Settling) Phases { get; init; }

    /// <summary>The fault plan: <paramref name="rate"/> of the messages hit, shared equally by the five kinds of fault.</summary>
    public static Dictionary<string, string?> PlanSettings(long seed, double rate) => new()
    {
        ["Hub:Faults:Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hub:Faults:Drop"] = Share(rate),
        ["Hub:Faults:Duplicate"] = Share(rate),
        ["Hub:Faults:Delay"] = Share(rate),
        ["Hub:Faults:Reorder"] = Share(rate),
        ["Hub:Faults:Disconnect"] = Share(rate),
        ["Hub:Faults:MaxDelay"] = "00:00:00.200",
        ["Hub:Faults:ReorderWindow"] = "00:00:00.200",
        // A dropped message ends its call after 0.3 seconds, as a lost connection; the callers' deadlines are far longer.
        ["Hub:Faults:DropHold"] = "00:00:00.300",
        // Time limits far beyond any call's time on a busy machine (the first call to a gateway opens its TLS connection):
        // a call that ran out of time would be a fault the plan did not decide, and the run would not replay.
        ["Hub:RelayTimeout"] = "00:00:30",
        ["Hub:Failover:ConnectTimeout"] = "00:00:20",
    };

    private static string Share(double rate) => (rate / 5).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool HoldsFor(int ordinal) => ordinal % 5 == 0;

    private static bool HasCopy(int ordinal) => ordinal % 4 != 3;

    public static async Task<FaultRun> RunAsync(long seed, int inquiries, double rate)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var population = new Sim.Population.SyntheticPopulation(inquiries + 1);
        var held = Enumerable.Range(0, inquiries).Where(HoldsFor)
            .Select(i => population.InternalAddressNumberOf(i + 1, HitachinakaPrefix)).ToHashSet(StringComparer.Ordinal);
        await using var network = await TestNetwork.StartAsync(populationSize: inquiries + 1, hitachiServices: services =>
        {
            services.AddSingleton<IHoldPolicy>(new HoldThese(held));
            services.Configure<ReviewOptions>(options =>
            {
                options.DeliveryAttempts = 10;
                options.DeliveryBaseDelay = TimeSpan.FromMilliseconds(50);
                options.DeliveryMaxDelay = TimeSpan.FromMilliseconds(300);
                options.DeliveryPollInterval = TimeSpan.FromMilliseconds(100);
            });
        }, hubSettings: PlanSettings(seed, rate), gatewaySettings: new Dictionary<string, string?>
        {
            ["Network:CallTimeout"] = "00:00:30",
            ["Network:RetryBaseDelay"] = "00:00:00.050",
        });

        await RegisterAsync(network, inquiries);

        var setup = started.Elapsed;
        var inquiry = new Inquiry.InquiryClient(network.HealthSystem(network.MitoGateway, Mito));
        var asked = new List<(string? InquiryId, ProvisionOutcome Outcome, string Reason, string? Failure)>();
        for (var i = 0; i < inquiries; i++)
        {
            try
            {
                var answer = await inquiry.InquireAsync(new InquireRequest
                {
                    AffairCode = Affair, ProcedureCode = Procedure, InformationNameCode = Osteoporosis,
                    InternalAddressNumber = population.InternalAddressNumberOf(i + 1, MitoPrefix), ProviderInstitutionCode = Hitachinaka,
                }, deadline: DateTime.UtcNow.AddMinutes(1));
                asked.Add((answer.InquiryId, answer.Outcome, answer.NotProvidedReason, null));
            }
            catch (RpcException failure)
            {
                asked.Add((null, ProvisionOutcome.Unspecified, "", failure.Reason() ?? $"no reason ({failure.StatusCode})"));
            }
        }

        var asking = started.Elapsed - setup;
        // Every held answer decided, oldest first: every other one approved, the rest declined.
        var review = new Review.ReviewClient(network.Staff(network.Hitachi, Roles.Reviewer));
        var waiting = (await review.ListHeldAsync(new ListHeldRequest { PageSize = 1000 })).Held;
        for (var j = 0; j < waiting.Count; j++)
        {
            if (j % 2 == 0) await review.ApproveAsync(new ApproveRequest { HeldId = waiting[j].HeldId });
            else await review.DeclineAsync(new DeclineRequest { HeldId = waiting[j].HeldId, Reason = Contracts.V1.DeclineReason.SupportMeasure });
        }
        var outbox = network.Hitachi.Services.GetRequiredService<IAnswerOutbox>();
        await WaitUntilAsync(async () => await outbox.CountPendingAsync(CancellationToken.None) == 0);

        var pendingBefore = await PendingAsync(inquiry);
        var ends = new List<InquiryEnd>();
        for (var i = 0; i < inquiries; i++)
        {
            var (id, outcome, reason, failure) = asked[i];
            if (failure is not null) ends.Add(new InquiryEnd(i, null, "failed " + failure, true));
            else if (outcome != ProvisionOutcome.Held) ends.Add(new InquiryEnd(i, id, Describe(outcome, reason), false));
            else
            {
                var result = await inquiry.GetInquiryResultAsync(new GetInquiryResultRequest { InquiryId = id });
                ends.Add(new InquiryEnd(i, id, result.Outcome == ProvisionOutcome.Held
                    ? "held, never delivered"
                    : "held, then " + Describe(result.Outcome, result.NotProvidedReason), false));
            }
        }

        return new FaultRun
        {
            Seed = seed,
            Decisions = network.Hub.Services.GetRequiredService<FaultInjector>().Decisions,
            Ends = ends,
            InquirerRecords = await network.RecordsAsync(network.MitoGateway),
            ProviderRecords = await network.RecordsAsync(network.Hitachi),
            PendingBeforePickUp = pendingBefore,
            PendingAfterPickUp = await PendingAsync(inquiry),
            ParkedDeliveries = (await outbox.ParkedAsync(CancellationToken.None)).Select(p => p.Answer.PermitId).ToList(),
            Elapsed = started.Elapsed,
            ErrorsLogged = network.Hosts.ToDictionary(h => h.Name, h => h.Logs.Errors.Count),
            Phases = (setup, asking, started.Elapsed - setup - asking),
        };
    }

    /// <summary>
    /// The residents' copies at Hitachinaka and their symbols at both ends, eight at a time over one channel per system:
    /// none of these calls is one the plan hits, so their order does not matter.
    /// </summary>
    private static async Task RegisterAsync(TestNetwork network, int inquiries)
    {
        var copies = new CopyRegistration.CopyRegistrationClient(network.HealthSystem(network.Hitachi, Hitachinaka));
        var ends = new (TestHost Gateway, string Institution, string Prefix)[] { (network.Hitachi, Hitachinaka, HitachinakaPrefix), (network.MitoGateway, Mito, MitoPrefix) }
            .Select(end => (end.Institution, end.Prefix,
                Registry: new Contracts.Registry.V1.ResidentRegistry.ResidentRegistryClient(network.Channel(network.Registry, "address-" + end.Institution,
                    new Transport.PeerIdentity(end.Institution, Roles.AddressSystem, "address-system"))),
                Symbols: new SymbolManagement.SymbolManagementClient(network.AddressSystem(end.Gateway, end.Institution))))
            .ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, inquiries), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var resident = i + 1;
            if (HasCopy(i))
                await copies.RegisterCopyAsync(new RegisterCopyRequest
                {
                    Copy = NetworkScenarios.OsteoporosisCopy(network.Population.InternalAddressNumberOf(resident, HitachinakaPrefix)),
                }, cancellationToken: ct);
            foreach (var end in ends)
            {
                var number = await end.Registry.IssueAcquisitionNumberAsync(new Contracts.Registry.V1.IssueAcquisitionNumberRequest
                {
                    IndividualNumber = network.Population.IndividualNumberOf(resident),
                }, cancellationToken: ct);
                await end.Symbols.AcquireSymbolAsync(new AcquireSymbolRequest
                {
                    InternalAddressNumber = network.Population.InternalAddressNumberOf(resident, end.Prefix),
                    AcquisitionNumber = number.AcquisitionNumber,
                }, cancellationToken: ct);
            }
        });
    }

    private static string Describe(ProvisionOutcome outcome, string reason) => outcome switch
    {
        ProvisionOutcome.Provided => "provided",
        ProvisionOutcome.NotProvided => "not provided " + reason,
        _ => $"no terminal state ({outcome})",
    };

    private static async Task<IReadOnlyList<string>> PendingAsync(Inquiry.InquiryClient inquiry) =>
        (await inquiry.ListPendingResultsAsync(new ListPendingResultsRequest { PageSize = 1000 })).Results.Select(r => r.InquiryId).ToList();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("The provider's outbox did not finish within 90 seconds.");
            await Task.Delay(100);
        }
    }

    /// <summary>Holds the answers about the given people (by Hitachinaka's internal address numbers), as a hold flag would.</summary>
    private sealed class HoldThese(IReadOnlySet<string> people) : IHoldPolicy
    {
        public Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct) =>
            Task.FromResult(people.Contains(person.Value) ? "SUPPORT_MEASURE" : null);
    }
}
