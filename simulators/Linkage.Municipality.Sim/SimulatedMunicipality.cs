using Linkage.Cli;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.Registry.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Inquiries;
using Linkage.Network.Client;
using Linkage.Sim.Population;
using Linkage.Transport;

namespace Linkage.Municipality.Sim;

/// <summary>
/// One inquiring institution without a gateway of its own: it acquires its symbols for residents at the hub and
/// inquires through the hub with the same protocol code as a gateway (NetworkInquirer).
/// </summary>
public sealed class SimulatedMunicipality(
    string name, HubConnection hub, SignedPermitVerifier hubKey, ResidentRegistry.ResidentRegistryClient registry, SyntheticPopulation population)
{
    // One acquisition per resident, shared by concurrent inquiries about the same person (the load runs in parallel).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<Task<Symbol>>> _symbols = new();
    private readonly NetworkInquirer _inquirer = new(hub, new EnvelopeAnswerOpener(), hubKey, new Crypto.AnswerKeys(TimeProvider.System));

    public string Name { get; } = name;

    public Task<Symbol> SymbolOfAsync(int resident, CancellationToken ct) =>
        _symbols.GetOrAdd(resident, r => new Lazy<Task<Symbol>>(() => AcquireAsync(r, ct))).Value;

    private async Task<Symbol> AcquireAsync(int resident, CancellationToken ct)
    {
        var number = await registry.IssueAcquisitionNumberAsync(
            new IssueAcquisitionNumberRequest { IndividualNumber = population.IndividualNumberOf(resident) }, cancellationToken: ct);
        var issued = await hub.RepeatableAsync(o => hub.Client.IssueSymbolAsync(
            new IssueSymbolRequest { AcquisitionNumber = number.AcquisitionNumber }, o).ResponseAsync, ct);
        return Symbol.Parse(issued.Symbol);
    }

    /// <summary>Asks as a gateway would; a failure after the permit was issued is thrown like any other refusal
    /// (this simulator keeps no records that would need its permit id).</summary>
    public async Task<NetworkAnswer> InquireAsync(Symbol symbol, string affair, string procedure, string informationName, string provider, CancellationToken ct)
    {
        var answer = await _inquirer.InquireAsync(new OutgoingInquiry(
            Guid.NewGuid().ToString("N"), symbol, AffairCode.Parse(affair), ProcedureCode.Parse(procedure),
            InformationNameCode.Parse(informationName), InstitutionCode.Parse(provider)), ct);
        if (answer.Failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return answer;
    }

    /// <param name="hubKey">The hub's Ed25519 public key file (base64) and key id: permits are checked like a gateway does.</param>
    public static SimulatedMunicipality Connect(string hubAddress, string hubInstitution, string certificate, (string File, string Id) hubKey,
        ResidentRegistry.ResidentRegistryClient registry, SyntheticPopulation population)
    {
        var tls = Connections.LoadTls(certificate);
        var name = PeerIdentity.FromCertificate(tls.Certificate)?.InstitutionCode ?? Path.GetFileName(certificate);
        var verifier = new SignedPermitVerifier(new Crypto.Ed25519SignatureVerifier(
            Convert.FromBase64String(File.ReadAllText(hubKey.File).Trim()), hubKey.Id));
        var hub = new HubConnection(new NetworkClientOptions { HubAddress = hubAddress, HubInstitutionCode = hubInstitution }, tls);
        return new SimulatedMunicipality(name, hub, verifier, registry, population);
    }
}
