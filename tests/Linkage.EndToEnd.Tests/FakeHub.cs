using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Domain.Staff;
using Linkage.Hosting;
using Linkage.Hosting.Authentication;
using Linkage.Network.Sim;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>What the test's hub does with a held answer the gateway relays.</summary>
public enum RelayBehaviour
{
    /// <summary>Keeps the call open until the caller goes away: the delivery is under way and never acknowledged.</summary>
    Stall,

    /// <summary>Refuses as an unreachable network would (UNAVAILABLE): the gateway counts a failed attempt.</summary>
    Refuse,

    /// <summary>Takes the answer; a repeat is reported as delivered already, as the real hub's inquirer does.</summary>
    Acknowledge,
}

/// <summary>
/// What the test's hub saw, by permit id: calls of RelayAnswer that arrived, calls held open right now, and answers
/// acknowledged (with the answer as it arrived, for the test to open as the inquirer would, and the test's phase when it
/// arrived).
/// </summary>
public sealed class FakeHubLedger(SignedPermittedList list)
{
    private readonly ConcurrentDictionary<string, int> _received = new(), _stalled = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DeliveredAnswer>> _acknowledged = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _acknowledgedPhases = new();
    private volatile RelayBehaviour _behaviour = RelayBehaviour.Acknowledge;
    private volatile int _phase;

    public SignedPermittedList List { get; } = list;

    public RelayBehaviour Behaviour { get => _behaviour; set => _behaviour = value; }

    /// <summary>
    /// A number the test moves on at the moments it wants to tell apart (a start of the gateway, the end of a check),
    /// noted with every acknowledgement.
    /// </summary>
    public int Phase { get => _phase; set => _phase = value; }

    /// <summary>The phases in which the acknowledgements of the permit's answer arrived, in order.</summary>
    public IReadOnlyList<int> AcknowledgedPhases(string permitId) =>
        _acknowledgedPhases.TryGetValue(permitId, out var phases) ? phases.ToList() : [];

    /// <summary>Every permit whose answer was acknowledged at least once.</summary>
    public IReadOnlyCollection<string> AcknowledgedPermits => _acknowledged.Keys.ToList();

    /// <summary>
    /// The symbol this hub issues the provider for an acquisition number: derived from it alone, so that a repeated
    /// acquisition gets the same symbol (the real hub remembers its answer per number for the same reason).
    /// </summary>
    public static string SymbolOf(string acquisitionNumber) =>
        Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes("fake-hub-symbol:" + acquisitionNumber)))[..32];

    public int Received(string permitId) => _received.GetValueOrDefault(permitId);

    public int Stalled(string permitId) => _stalled.GetValueOrDefault(permitId);

    public IReadOnlyList<DeliveredAnswer> Acknowledged(string permitId) =>
        _acknowledged.TryGetValue(permitId, out var answers) ? answers.ToList() : [];

    internal void Arrived(string permitId) => _received.AddOrUpdate(permitId, 1, (_, n) => n + 1);

    internal void Stalling(string permitId, int change) => _stalled.AddOrUpdate(permitId, change, (_, n) => n + change);

    /// <summary>Keeps the answer; false when one for this permit was acknowledged before.</summary>
    internal bool Acknowledge(string permitId, DeliveredAnswer answer)
    {
        var answers = _acknowledged.GetOrAdd(permitId, _ => new ConcurrentQueue<DeliveredAnswer>());
        lock (answers)
        {
            answers.Enqueue(answer);
            _acknowledgedPhases.GetOrAdd(permitId, _ => new ConcurrentQueue<int>()).Enqueue(_phase);
            return answers.Count == 1;
        }
    }
}

/// <summary>
/// The provision network as far as a provider gateway uses it here: the permitted list, symbols (see
/// <see cref="FakeHubLedger.SymbolOf"/>), the relay of held answers, and witnessing when the test gives it the real
/// hub's <see cref="CheckpointWitnessing"/>. Anything else is UNIMPLEMENTED, which the gateway takes as a refusal,
/// never as a success.
/// </summary>
[Authorize(Roles = Roles.Gateway)]
public sealed class FakeHubService(FakeHubLedger ledger, IServiceProvider services) : ProvisionNetwork.ProvisionNetworkBase
{
    public override Task<SignedPermittedList> GetPermittedList(GetPermittedListRequest request, ServerCallContext context) =>
        Task.FromResult(ledger.List);

    public override Task<IssueSymbolsResponse> IssueSymbols(IssueSymbolsRequest request, ServerCallContext context)
    {
        var response = new IssueSymbolsResponse();
        response.Results.AddRange(request.AcquisitionNumbers.Select(n => new IssuedSymbol { Symbol = FakeHubLedger.SymbolOf(n) }));
        return Task.FromResult(response);
    }

    public override Task<IssueSymbolResponse> IssueSymbol(IssueSymbolRequest request, ServerCallContext context) =>
        Task.FromResult(new IssueSymbolResponse { Symbol = FakeHubLedger.SymbolOf(request.AcquisitionNumber) });

    public override Task<CheckpointWitness> WitnessCheckpoint(SignedCheckpoint request, ServerCallContext context) =>
        Witnessing(context).WitnessAsync(context.Peer().InstitutionCode, request, context.CancellationToken);

    public override Task<WitnessedCheckpoint> GetWitnessedHead(GetWitnessedHeadRequest request, ServerCallContext context) =>
        Witnessing(context).HeadAsync(context.Peer().InstitutionCode, request.ChainId, context.CancellationToken);

    private CheckpointWitnessing Witnessing(ServerCallContext context) => services.GetService<CheckpointWitnessing>()
        ?? throw new RpcException(new Status(StatusCode.Unimplemented, $"This test's hub does not witness ({context.Method})."));

    public override async Task<DeliveryReceipt> RelayAnswer(DeliveredAnswer request, ServerCallContext context)
    {
        var permitId = request.Answer.PermitId;
        ledger.Arrived(permitId);
        switch (ledger.Behaviour)
        {
            case RelayBehaviour.Stall:
                ledger.Stalling(permitId, +1);
                try { await Task.Delay(Timeout.Infinite, context.CancellationToken); }
                finally { ledger.Stalling(permitId, -1); }
                throw new System.Diagnostics.UnreachableException("An endless delay ends only by cancellation, which throws.");
            case RelayBehaviour.Refuse:
                throw new RpcException(new Status(StatusCode.Unavailable, "The test's hub refuses relays for now."));
            default:
                return new DeliveryReceipt { InquiryId = request.Answer.InquiryId, AlreadyDelivered = !ledger.Acknowledge(permitId, request) };
        }
    }

    /// <summary>Starts the hub on a free port with the hub's certificate (network role, the hub's code).</summary>
    /// <param name="services">Adds to the hub's services, e.g. a <see cref="CheckpointWitnessing"/> to witness checkpoints.</param>
    public static async Task<TestHost> StartAsync(TestPki pki, FakeHubLedger ledger, Action<IServiceCollection>? services = null)
    {
        var tls = pki.Issue("hub", new PeerIdentity(HubCode, Roles.Network, "hub"));
        var settings = new Dictionary<string, string?>
        {
            ["Tls:AuthorityCertificate"] = tls.AuthorityCertificate,
            ["Tls:Certificate"] = tls.Certificate,
            ["Tls:PrivateKey"] = tls.PrivateKey,
            ["Tls:RevocationList"] = tls.RevocationList,
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TestHost.StartAsync("fake-hub", Ports.Free(), (args, configure) =>
                {
                    var builder = WebApplication.CreateBuilder(args);
                    configure(builder);
                    builder.AddLinkageGrpcHost();
                    builder.Services.AddPeerCertificateAuthentication();
                    builder.Services.AddSingleton(ledger);
                    services?.Invoke(builder.Services);
                    var app = builder.Build();
                    app.MapLinkageGrpcHost();
                    app.MapGrpcService<FakeHubService>();
                    return app;
                }, settings);
            }
            // Another process took the chosen port before we bound it: choose again.
            catch (Exception error) when (Ports.IsAddressInUse(error) && attempt < 5) { }
        }
    }
}
