namespace Linkage.Testing;

/// <summary>A second Hitachinaka gateway on a database of its own: the fresh deployment a backup is restored into.</summary>
public sealed partial class TestNetwork
{
    /// <summary>
    /// Starts another Hitachinaka gateway beside the first, on its own port and on <paramref name="databasePath"/>, with
    /// the same keys (copies, checkpoints) and settings but no console, and waits until it serves. The hub keeps
    /// relaying to the first; the caller stops this one.
    /// </summary>
    public async Task<TestHost> StartHitachiOnAsync(string databasePath)
    {
        var (name, institution, _, hubPort) = _gateways[Hitachi];
        var host = await StartGatewayHostAsync(name, institution, Ports.Free(), hubPort, databasePath);
        await WaitUntilServingAsync(host);
        return host;
    }
}
