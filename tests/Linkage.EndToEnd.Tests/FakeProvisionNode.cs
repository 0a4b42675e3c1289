using System.Collections.Concurrent;
using Grpc.Core;
using Linkage.Contracts.Metadata;
using Linkage.Contracts.Network.V1;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Hosting;
using Linkage.Hosting.Authentication;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.EndToEnd.Tests;

/// <summary>What a fake gateway node does with a relayed call once it has it.</summary>
public enum NodeBehaviour
{
    /// <summary>Answers (not provided, naming the node): the call was taken and answered.</summary>
    Answer,

    /// <summary>Keeps the call until the hub gives up: a node busy with the permit, or stuck.</summary>
    Stall,

    /// <summary>Drops the connection after reading the call, as a node that crashes while working on it.</summary>
    Abort,

    /// <summary>Refuses the permit as already used, as the other node of a shared replay guard would.</summary>
    RefuseAsReplayed,
}

/// <summary>What one fake node received: the permit ids of relayed calls, and the audience each carried.</summary>
public sealed class NodeLedger(string name)
{
    private readonly ConcurrentQueue<(string PermitId, string? Audience)> _provided = new();
    private readonly ConcurrentQueue<(string PermitId, string? Audience)> _delivered = new();

    public string Name { get; } = name;
    public NodeBehaviour Behaviour { get; set; } = NodeBehaviour.Answer;
    public IReadOnlyList<(string PermitId, string? Audience)> Provided => _provided.ToList();
    public IReadOnlyList<(string PermitId, string? Audience)> Delivered => _delivered.ToList();

    internal void Provide(string permitId, string? audience) => _provided.Enqueue((permitId, audience));
    internal void Deliver(string permitId, string? audience) => _delivered.Enqueue((permitId, audience));
}

/// <summary>A gateway node as the hub sees it: linkage.v1.Provision, called by the network role only.</summary>
[Authorize(Roles = Roles.Network)]
public sealed class FakeProvisionService(NodeLedger ledger) : Contracts.V1.Provision.ProvisionBase
{
    public override async Task<ProvisionAnswer> Provide(RelayedInquiry request, ServerCallContext context)
    {
        var permit = Permit.Parser.ParseFrom(request.Permit.Permit);
        ledger.Provide(permit.PermitId, context.RequestHeaders.GetValue(NetworkMetadata.Audience));
        switch (ledger.Behaviour)
        {
            case NodeBehaviour.Stall:
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                break;
            case NodeBehaviour.Abort:
                context.GetHttpContext().Abort();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                break;
            case NodeBehaviour.RefuseAsReplayed:
                throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.PermitReplayed, "This permit was used before.");
        }
        return new ProvisionAnswer
        {
            InquiryId = permit.InquiryId,
            PermitId = permit.PermitId,
            Outcome = ProvisionOutcome.NotProvided,
            NotProvidedReason = ledger.Name,
        };
    }

    public override Task<DeliveryReceipt> DeliverAnswer(DeliveredAnswer request, ServerCallContext context)
    {
        ledger.Deliver(request.Answer.PermitId, context.RequestHeaders.GetValue(NetworkMetadata.Audience));
        return Task.FromResult(new DeliveryReceipt { InquiryId = request.Answer.InquiryId });
    }

    /// <summary>Starts a node on a free port, serving with the certificate issued to <paramref name="identity"/> under <paramref name="name"/>.</summary>
    public static async Task<(TestHost Host, NodeLedger Ledger)> StartAsync(TestPki pki, string name, PeerIdentity identity)
    {
        var ledger = new NodeLedger(name);
        var tls = pki.Issue(name, identity);
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
                var host = await TestHost.StartAsync(name, Ports.Free(), (args, configure) =>
                {
                    var builder = WebApplication.CreateBuilder(args);
                    configure(builder);
                    builder.AddLinkageGrpcHost();
                    builder.Services.AddPeerCertificateAuthentication();
                    builder.Services.AddSingleton(ledger);
                    var app = builder.Build();
                    app.MapLinkageGrpcHost();
                    app.MapGrpcService<FakeProvisionService>();
                    return app;
                }, settings);
                return (host, ledger);
            }
            // Another process took the chosen port before we bound it: choose again.
            catch (Exception error) when (Ports.IsAddressInUse(error) && attempt < 5) { }
        }
    }
}
