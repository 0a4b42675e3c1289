using Linkage.Domain.Staff;
using Linkage.Contracts.Registry.V1;
using Linkage.Contracts.V1;
using Linkage.Transport;

namespace Linkage.Testing;

public static class TestAddressSystems
{
    /// <summary>The address system of the gateway's municipality, with its certificates for the registry and the gateway.</summary>
    public static AddressSystem.Sim.AddressSystem AddressSystem(this TestNetwork network, TestHost gateway)
    {
        var (institution, prefix) = gateway == network.MitoGateway
            ? (TestNetwork.Mito, TestNetwork.MitoPrefix)
            : (TestNetwork.Hitachinaka, TestNetwork.HitachinakaPrefix);
        return new AddressSystem.Sim.AddressSystem(network.Population, prefix,
            new ResidentRegistry.ResidentRegistryClient(network.RegistryChannel(institution)),
            new SymbolManagement.SymbolManagementClient(network.AddressSystem(gateway, institution)));
    }

    /// <summary>The address system's channel to the resident registry.</summary>
    public static Grpc.Net.Client.GrpcChannel RegistryChannel(this TestNetwork network, string institution) =>
        network.Channel(network.Registry, "address-" + institution, new PeerIdentity(institution, Roles.AddressSystem, "address-system"));
}
