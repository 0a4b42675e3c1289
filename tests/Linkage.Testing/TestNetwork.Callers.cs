using Linkage.Domain.Staff;
using Grpc.Net.Client;
using Linkage.Transport;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Testing;

/// <summary>The network's callers: channels as the hub, systems and staff (registered once per gateway, signed in).</summary>
public sealed partial class TestNetwork
{
    /// <summary>A channel to a host, presenting a certificate for <paramref name="peer"/> from the test authority.</summary>
    public GrpcChannel Channel(TestHost host, string certificateName, PeerIdentity peer)
    {
        var channel = MutualTlsChannel.Create(host.Address, Pki.Material(certificateName, peer));
        _channels.Add(channel);
        return channel;
    }

    /// <summary>The health management system of <paramref name="institution"/>, registered at the gateway when it is the gateway's own.</summary>
    public GrpcChannel HealthSystem(TestHost gateway, string institution) =>
        RegisteredSystem(gateway, institution, Roles.HealthSystem, "health-management");

    /// <summary>The address system of <paramref name="institution"/>, registered at the gateway when it is the gateway's own.</summary>
    public GrpcChannel AddressSystem(TestHost gateway, string institution) =>
        RegisteredSystem(gateway, institution, Roles.AddressSystem, "address-system");

    /// <summary>A staff member of the gateway's own institution holding <paramref name="role"/>, registered and signed in.</summary>
    public GrpcChannel Staff(TestHost gateway, string role)
    {
        var (name, peer) = RegisteredStaff(gateway, role);
        return SessionChannel(gateway, name, peer, SignInAsync(gateway, name, peer).GetAwaiter().GetResult());
    }

    /// <summary>The same staff member's certificate without a session: only SignIn is open to it.</summary>
    public GrpcChannel StaffWithoutSession(TestHost gateway, string role)
    {
        var (name, peer) = RegisteredStaff(gateway, role);
        return Channel(gateway, name, peer);
    }

    /// <summary>Signs in with the certificate <paramref name="name"/> and returns the session token.</summary>
    public async Task<string> SignInAsync(TestHost gateway, string name, PeerIdentity peer)
    {
        var response = await new Contracts.V1.Staff.StaffClient(Channel(gateway, name, peer)).SignInAsync(new Contracts.V1.SignInRequest());
        return response.Token;
    }

    /// <summary>A channel presenting the certificate <paramref name="name"/> and a session token as bearer.</summary>
    public GrpcChannel SessionChannel(TestHost gateway, string name, PeerIdentity peer, string token)
    {
        var channel = GrpcChannel.ForAddress(gateway.Address, new GrpcChannelOptions
        {
            HttpHandler = new BearerTokenHandler(token, MutualTlsChannel.CreateHandler(Pki.Material(name, peer))),
        });
        _channels.Add(channel);
        return channel;
    }

    /// <summary>A registered staff member's certificate name and identity, without a session (the console signs in itself).</summary>
    public (string Name, PeerIdentity Peer) RegisteredStaff(TestHost gateway, string role)
    {
        var institution = InstitutionOf(gateway);
        var name = $"staff-{role}-{institution}";
        var peer = new PeerIdentity(institution, role, "staff-" + role);
        Register(gateway, name, peer, administration => administration.AddStaffAsync(new RegistryAdministration.StaffDraft(
            "staff-" + role, "職員 " + role, [role], [], null, null, Presented(name, peer)), CancellationToken.None));
        return (name, peer);
    }

    private GrpcChannel RegisteredSystem(TestHost gateway, string institution, string role, string systemName)
    {
        var name = $"{role}-{institution}";
        var peer = new PeerIdentity(institution, role, systemName);
        if (institution == InstitutionOf(gateway))
            Register(gateway, name, peer, administration =>
                administration.AddSystemAsync(role, systemName, role, Presented(name, peer), CancellationToken.None));
        return Channel(gateway, name, peer);
    }

    private readonly HashSet<(TestHost, string)> _registered = [];

    /// <summary>Registers once per gateway instance (the registry survives restarts in the database, so a restart keeps it).</summary>
    private void Register(TestHost gateway, string name, PeerIdentity peer, Func<RegistryAdministration, Task> add)
    {
        // One lock over the check and the registration: a caller must not use the certificate before it is registered.
        lock (_registered)
        {
            if (_registered.Contains((gateway, name))) return;
            var registry = gateway.Services.GetRequiredService<CallerRegistry>();
            // Another node of the institution may have registered it in the database they share.
            gateway.Services.GetRequiredService<RegistryAdministration>().ReloadAsync(CancellationToken.None).GetAwaiter().GetResult();
            Pki.Issue(name, peer);
            if (!registry.Current.Bindings.Any(b => b.Certificate.Thumbprint == Presented(name, peer).Certificate.Thumbprint))
                add(gateway.Services.GetRequiredService<RegistryAdministration>()).GetAwaiter().GetResult();
            _registered.Add((gateway, name));
        }
    }

    /// <summary>A certificate of the test authority as an administrator would hand it in.</summary>
    public PresentedCertificate Presented(string name, PeerIdentity peer)
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Pki.Issue(name, peer).Certificate);
        return new PresentedCertificate(CertificateReferences.From(certificate), peer.InstitutionCode, true);
    }

    public string InstitutionOf(TestHost gateway) => gateway == MitoGateway ? Mito : Hitachinaka;
}
