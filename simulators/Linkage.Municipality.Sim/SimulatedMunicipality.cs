using Linkage.Cli;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.Registry.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;
using Linkage.Network.Client;
using Linkage.Sim.Population;
using Linkage.Transport;
using ProvisionOutcome = Linkage.Domain.Answers.ProvisionOutcome;
using WireOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.Municipality.Sim;

/// <summary>
/// One inquiring institution without a gateway of its own: it acquires its symbols for residents at the hub and
/// inquires through the hub with the same protocol code as a gateway (NetworkInquirer). When the provider holds an
/// answer, that answer's key is kept in <paramref name="heldKeys"/>; the answer itself waits in the hub's mailbox
/// (see <see cref="PickUpAsync"/>). Picking up needs no registry: <paramref name="registry"/> and
/// <paramref name="population"/> are only for acquiring symbols.
/// </summary>
public sealed class SimulatedMunicipality(
    string name, HubConnection hub, SignedPermitVerifier hubKey, HeldAnswerKeys heldKeys,
    ResidentRegistry.ResidentRegistryClient? registry = null, SyntheticPopulation? population = null) : IDisposable
{
    // One acquisition per resident, shared by concurrent inquiries about the same person (the load runs in parallel).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<Task<Symbol>>> _symbols = new();
    private static readonly EnvelopeAnswerOpener Opener = new();
    private readonly NetworkInquirer _inquirer = new(hub, Opener, hubKey, new Crypto.AnswerKeys(TimeProvider.System));

    /// <summary>The institution code from the certificate (the file name when the certificate names none).</summary>
    public string Name { get; } = name;

    public HeldAnswerKeys HeldKeys { get; } = heldKeys;

    public Task<Symbol> SymbolOfAsync(int resident, CancellationToken ct) =>
        _symbols.GetOrAdd(resident, r => new Lazy<Task<Symbol>>(() => AcquireAsync(r, ct))).Value;

    private async Task<Symbol> AcquireAsync(int resident, CancellationToken ct)
    {
        if (registry is null || population is null) throw new InvalidOperationException("This simulated municipality was made without a registry.");
        var number = await registry.IssueAcquisitionNumberAsync(
            new IssueAcquisitionNumberRequest { IndividualNumber = population.IndividualNumberOf(resident) }, cancellationToken: ct);
        var issued = await hub.RepeatableAsync(o => hub.Client.IssueSymbolAsync(
            new IssueSymbolRequest { AcquisitionNumber = number.AcquisitionNumber }, o).ResponseAsync, ct);
        return Symbol.Parse(issued.Symbol);
    }

    /// <summary>Asks as a gateway would; a failure after the permit was issued is thrown like any other refusal
    /// (this simulator keeps no records that would need its permit id). A held answer's key is kept for pick-up.</summary>
    public async Task<NetworkAnswer> InquireAsync(Symbol symbol, string affair, string procedure, string informationName, string provider, CancellationToken ct)
    {
        var inquiryId = Guid.NewGuid().ToString("N");
        var answer = await _inquirer.InquireAsync(new OutgoingInquiry(
            inquiryId, symbol, AffairCode.Parse(affair), ProcedureCode.Parse(procedure),
            InformationNameCode.Parse(informationName), InstitutionCode.Parse(provider)), ct);
        if (answer.Failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        if (answer is { Outcome: ProvisionOutcome.Held, HeldAnswerKey: { } key })
            HeldKeys.Keep(Name, new HeldInquiry(inquiryId, answer.PermitId, provider, informationName, DateTimeOffset.UtcNow, key));
        return answer;
    }

    /// <summary>
    /// Collects this institution's answers from the hub's mailbox and opens each with the key kept when it was held,
    /// as a gateway opens a delivered answer: the permit must be the hub's and name an inquiry held here. Opened ones
    /// are acknowledged (the hub forgets them, and so does the key store); the rest stay at the hub and are reported.
    /// </summary>
    public async Task<IReadOnlyList<PickedUp>> PickUpAsync(CancellationToken ct)
    {
        var results = new List<PickedUp>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var acknowledge = new List<string>();
        while (true)
        {
            var request = new CollectAnswersRequest { AcknowledgedPermitIds = { acknowledge } };
            var collected = await hub.RepeatableAsync(o => hub.Client.CollectAnswersAsync(request, o).ResponseAsync, ct);
            foreach (var permitId in acknowledge) HeldKeys.Forget(Name, permitId);
            acknowledge.Clear();
            // Answers left unacknowledged come back on every call: one pass over each is enough. Should a whole batch
            // be such answers, any behind it wait for a pickup after those are dealt with (a new --state, say).
            var fresh = collected.Answers.Select(Open).Where(p => seen.Add(p.PermitId)).ToList();
            if (fresh.Count == 0) return results;
            results.AddRange(fresh);
            acknowledge.AddRange(fresh.Where(p => p.Answer is not null).Select(p => p.PermitId));
        }
    }

    private PickedUp Open(DeliveredAnswer delivered)
    {
        var permitId = delivered.Answer?.PermitId ?? "";
        try
        {
            var permit = hubKey.Verify(NetworkWire.FromWire(delivered.Permit));
            permitId = permit.PermitId;
            var held = HeldKeys.Find(Name, permit.PermitId);
            if (held is null) return new PickedUp(permitId, null, null, "no key is kept for it here (another --state?)");
            if (permit.Inquirer.Value != Name || held.InquiryId != permit.InquiryId || held.Provider != permit.Provider.Value)
                return new PickedUp(permitId, held, null, ErrorReasons.PermitMismatch);
            var wire = delivered.Answer ?? new ProvisionAnswer();
            var answer = wire.Outcome switch
            {
                WireOutcome.Provided => new NetworkAnswer(permitId, ProvisionOutcome.Provided, "", Opener.OpenWithAnswerKey(
                    held.AnswerKey, permit.PermitId, permit.InquiryId, NetworkWire.FromWire(wire.Payload) ?? throw new DomainException(
                        ErrorKind.FailedPrecondition, ErrorReasons.AnswerUndecryptable, "The provided answer has no payload."))),
                WireOutcome.NotProvided => new NetworkAnswer(permitId, ProvisionOutcome.NotProvided, wire.NotProvidedReason, []),
                // A delivered answer is decided: anything else is the provider's mistake, not an answer to keep.
                _ => null,
            };
            return new PickedUp(permitId, held, answer, answer is null ? $"outcome {wire.Outcome} is not a decided answer" : null);
        }
        catch (DomainException refused)
        {
            return new PickedUp(permitId, null, null, refused.Reason);
        }
    }

    public void Dispose() => hub.Dispose();

    /// <param name="hubKey">The hub's Ed25519 public key file (base64) and key id: permits are checked like a gateway does.</param>
    public static SimulatedMunicipality Connect(string hubAddress, string hubInstitution, string certificate, (string File, string Id) hubKey,
        HeldAnswerKeys heldKeys, ResidentRegistry.ResidentRegistryClient? registry = null, SyntheticPopulation? population = null)
    {
        var tls = Connections.LoadTls(certificate);
        var name = PeerIdentity.FromCertificate(tls.Certificate)?.InstitutionCode ?? Path.GetFileName(certificate);
        var verifier = new SignedPermitVerifier(new Crypto.Ed25519SignatureVerifier(
            Convert.FromBase64String(File.ReadAllText(hubKey.File).Trim()), hubKey.Id));
        var hub = new HubConnection(new NetworkClientOptions { HubAddress = hubAddress, HubInstitutionCode = hubInstitution }, tls);
        return new SimulatedMunicipality(name, hub, verifier, heldKeys, registry, population);
    }
}

/// <summary>One answer from the hub's mailbox: opened (<see cref="Answer"/>), or left at the hub for the <see cref="Problem"/> given.</summary>
public sealed record PickedUp(string PermitId, HeldInquiry? Held, NetworkAnswer? Answer, string? Problem);
