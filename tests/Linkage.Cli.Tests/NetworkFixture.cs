using Linkage.Domain.Staff;
using Linkage.Contracts.V1;
using Linkage.Testing;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>A test network whose Hitachinaka gateway holds three provision records, and certificate files for the CLI.</summary>
public sealed class NetworkFixture : IAsyncLifetime
{
    public const int RecordCount = 3;
    private const int Resident = 9;

    public TestNetwork Network { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Network = await TestNetwork.StartAsync();
        await Network.ProvideableResidentAsync(Resident);
        var forge = new PermitForge(Network);
        var provision = new Provision.ProvisionClient(
            Network.Channel(Network.Hitachi, "hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network")));
        for (var i = 0; i < RecordCount; i++)
        {
            var permit = forge.Permit(Resident);
            await provision.ProvideAsync(PermitForge.Inquiry(permit, forge.Sign(permit)));
        }
    }

    public async Task DisposeAsync() => await Network.DisposeAsync();

    /// <summary>The PATH the CLI's --cert takes (PATH.pem, PATH.key, ca.pem beside them) for a staff member of Hitachinaka.</summary>
    public string StaffCertificate(string role)
    {
        var name = "cli-staff-" + role;
        Network.Pki.Issue(name, new PeerIdentity(Hitachinaka, role, "staff-" + role));
        return Path.Combine(Network.Pki.Folder, name);
    }
}
