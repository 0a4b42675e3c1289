using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests.CrashMatrix;

/// <summary>
/// Everyone who calls the gateway in one of its runs: the hub, the health management system, the address system, an
/// administrator and a reviewer (both signed in anew each run). The administrator was written into the database before
/// the first start; the first run registers the others over the wire, as an administrator does.
/// </summary>
internal sealed class CrashCallers : IDisposable
{
    public static readonly PeerIdentity Administrator = new(Hitachinaka, Roles.Administrator, "staff-administrator");
    private static readonly PeerIdentity Reviewer = new(Hitachinaka, Roles.Reviewer, "staff-reviewer");
    private static readonly PeerIdentity Health = new(Hitachinaka, Roles.HealthSystem, "health-management");
    private static readonly PeerIdentity Address = new(Hitachinaka, Roles.AddressSystem, "address-system");

    private readonly List<GrpcChannel> _channels = [];

    private CrashCallers(GatewayProcessHarness gateway)
    {
        Hub = new(Keep(gateway.HubChannel()));
        HealthSystem = new(Keep(gateway.Channel("health-system", Health)));
        AddressSystem = new(Keep(gateway.Channel("address-system", Address)));
    }

    public Contracts.V1.Provision.ProvisionClient Hub { get; }
    public CopyRegistration.CopyRegistrationClient HealthSystem { get; }
    public SymbolManagement.SymbolManagementClient AddressSystem { get; }
    public Administration.AdministrationClient Administration { get; private set; } = null!;
    public Records.RecordsClient Records { get; private set; } = null!;
    public Review.ReviewClient Review { get; private set; } = null!;

    /// <param name="register">The first run: registers the systems, the reviewer and the hold flags first.</param>
    public static async Task<CrashCallers> ConnectAsync(GatewayProcessHarness gateway, bool register)
    {
        var callers = new CrashCallers(gateway);
        try
        {
            var administrator = callers.Keep(await gateway.SessionAsync("administrator", Administrator));
            callers.Administration = new(administrator);
            callers.Records = new(administrator);
            if (register) await RegisterAsync(gateway, callers.Administration);
            callers.Review = new(callers.Keep(await gateway.SessionAsync("reviewer", Reviewer)));
            return callers;
        }
        catch
        {
            callers.Dispose();
            throw;
        }
    }

    private static async Task RegisterAsync(GatewayProcessHarness gateway, Administration.AdministrationClient administration)
    {
        await administration.AddSystemAsync(new AddSystemRequest
        {
            SystemId = "health-management", Name = "健康管理システム", Role = Roles.HealthSystem, CertificatePem = Pem(gateway, "health-system", Health),
        });
        await administration.AddSystemAsync(new AddSystemRequest
        {
            SystemId = "address-system", Name = "宛名管理システム", Role = Roles.AddressSystem, CertificatePem = Pem(gateway, "address-system", Address),
        });
        await administration.AddStaffAsync(new AddStaffRequest
        {
            StaffId = "reviewer-1", Name = "審査 担当", Roles = { Roles.Reviewer }, CertificatePem = Pem(gateway, "reviewer", Reviewer),
        });
        for (var number = 0; number < CrashPeople.Answerable; number++)
        {
            if (!CrashPeople.IsHeld(number)) continue;
            await administration.SetHoldFlagAsync(new SetHoldFlagRequest
            {
                InternalAddressNumber = CrashPeople.Person(number),
                Reason = HoldFlagReason.SupportMeasure,
                EffectiveFrom = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
            });
        }
    }

    private static string Pem(GatewayProcessHarness gateway, string name, PeerIdentity peer) =>
        File.ReadAllText(gateway.Pki.Issue(name, peer).Certificate);

    private GrpcChannel Keep(GrpcChannel channel)
    {
        _channels.Add(channel);
        return channel;
    }

    public void Dispose()
    {
        foreach (var channel in _channels) channel.Dispose();
    }
}
