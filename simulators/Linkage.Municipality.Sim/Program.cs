using System.CommandLine;
using System.Diagnostics;
using Linkage.Cli;
using Linkage.Contracts.Registry.V1;
using Linkage.Domain.Errors;
using Linkage.Municipality.Sim;
using Linkage.Sim.Population;

const string Affair = "JM00000000000139";
const string Procedure = "JT00000000013901";
string[] providable = ["TM00000000013901", "TM00000000013902", "TM00000000013903"];

// inquire --hub URL --registry URL --cert PATH --address-cert PATH --provider CODE --resident N [--information TM...]
//     one inquiry as another municipality, printing the decrypted answer
// load    --hub URL --registry URL --cert PATH[,PATH...] --address-cert PATH --provider CODE
//         [--rate 20] [--seconds 30] [--residents 50] [--invalid-percent 20]
//     many institutions (one per certificate) inquiring at a chosen total rate, valid and invalid mixed
// pickup  --hub URL --cert PATH[,PATH...]
//     the answers that providers held and decided later, collected from the hub and opened
// All take --state DIR (default .run/municipality): where the keys of held answers wait for pickup.
var terminal = new Terminal(Console.Out, Console.Error);
var hubAddress = new Option<string>("--hub") { Description = "The hub's address", Required = true };
var registryAddress = new Option<string>("--registry") { Description = "The resident registry's address", Required = true };
var certs = new Option<string>("--cert") { Description = "PATH[,PATH...]: one inquiring institution per PEM pair PATH.pem / PATH.key", Required = true };
var addressCert = new Option<string>("--address-cert") { Description = "PATH of the address system's PEM pair, for the resident registry", Required = true };
var providerOption = new Option<string>("--provider") { Description = "The providing institution's code", Required = true };
var populationSize = new Option<int>("--population") { Description = "Size of the synthetic population", DefaultValueFactory = _ => SyntheticPopulation.DefaultSize };
var hubKey = new Option<string?>("--hub-key") { Description = "The hub's signing public key (base64 file); default hub-signing.pub beside the certificate" };
var hubKeyId = new Option<string>("--hub-key-id") { Description = "The hub's signing key id", DefaultValueFactory = _ => "hub-dev-1" };
var hubInstitution = new Option<string>("--hub-institution")
{
    Description = "The hub's institution code, which its certificate must name", DefaultValueFactory = _ => "9000000000000001",
};
var residentOption = new Option<int>("--resident") { Description = "Synthetic resident number", DefaultValueFactory = _ => 0 };
var informationOption = new Option<string>("--information") { Description = "Information name code", DefaultValueFactory = _ => providable[2] };
var rateOption = new Option<int>("--rate") { Description = "Inquiries per second, all institutions together", DefaultValueFactory = _ => 20 };
var secondsOption = new Option<int>("--seconds") { Description = "How long to run", DefaultValueFactory = _ => 30 };
var residentsOption = new Option<int>("--residents") { Description = "Inquire about residents 0..N-1", DefaultValueFactory = _ => 50 };
var invalidOption = new Option<int>("--invalid-percent") { Description = "Share of invalid inquiries", DefaultValueFactory = _ => 20 };
var stateOption = new Option<string>("--state")
{
    Description = "Folder where the keys of held answers are kept until pickup", DefaultValueFactory = _ => Path.Combine(".run", "municipality"),
};

var inquire = new Command("inquire", "One inquiry as another municipality, printing the decrypted answer")
{
    hubAddress, registryAddress, certs, addressCert, providerOption, populationSize, hubKey, hubKeyId, hubInstitution, residentOption, informationOption,
    stateOption,
};
inquire.SetGuardedAction(terminal, (parsed, _) => RunAsync(parsed, load: false));
var load = new Command("load", "Many institutions (one per certificate) inquiring at a chosen total rate, valid and invalid mixed")
{
    hubAddress, registryAddress, certs, addressCert, providerOption, populationSize, hubKey, hubKeyId, hubInstitution,
    rateOption, secondsOption, residentsOption, invalidOption, stateOption,
};
load.SetGuardedAction(terminal, (parsed, _) => RunAsync(parsed, load: true));
var pickup = new Command("pickup", "The answers that providers held and decided later, collected from the hub and opened")
{
    hubAddress, certs, hubKey, hubKeyId, hubInstitution, stateOption,
};
pickup.SetGuardedAction(terminal, (parsed, _) => PickUpAsync(parsed));
var root = new RootCommand("Other municipalities, simulated: inquire a provider through the hub directly") { inquire, load, pickup };
return await CommandLine.InvokeAsync(root, args, Console.Out, Console.Error);

async Task<int> RunAsync(ParseResult options, bool load)
{
    var population = new SyntheticPopulation(options.GetValue(populationSize));
    using var registryChannel = Connections.Open(options.GetValue(registryAddress)!, options.GetValue(addressCert)!);
    var municipalities = Connect(options, new ResidentRegistry.ResidentRegistryClient(registryChannel), population);
    var provider = options.GetValue(providerOption)!;
    return load ? await LoadAsync(options, municipalities, provider) : await InquireAsync(options, municipalities[0], provider);
}

List<SimulatedMunicipality> Connect(ParseResult options, ResidentRegistry.ResidentRegistryClient? registry, SyntheticPopulation? population)
{
    var heldKeys = new HeldAnswerKeys(options.GetValue(stateOption)!);
    return options.GetValue(certs)!.Split(',')
        .Select(c => SimulatedMunicipality.Connect(options.GetValue(hubAddress)!, options.GetValue(hubInstitution)!, c,
            (options.GetValue(hubKey) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(c))!, "hub-signing.pub"), options.GetValue(hubKeyId)!),
            heldKeys, registry, population)).ToList();
}

void PrintAnswer(string header, Linkage.Domain.Inquiries.NetworkAnswer answer)
{
    Console.WriteLine($"{header}: {answer.Outcome} {answer.Reason}".TrimEnd());
    foreach (var record in answer.Records)
    {
        Console.WriteLine($"  record {record.RecordKey} v{record.Version}");
        foreach (var item in record.Items) Console.WriteLine($"    {item.ItemCode} = {item.Value}");
    }
}

async Task<int> InquireAsync(ParseResult options, SimulatedMunicipality city, string provider)
{
    var symbol = await city.SymbolOfAsync(options.GetValue(residentOption), CancellationToken.None);
    var answer = await city.InquireAsync(symbol, Affair, Procedure, options.GetValue(informationOption)!, provider, CancellationToken.None);
    PrintAnswer($"{city.Name} <- {provider}", answer);
    if (answer.Outcome == Linkage.Domain.Answers.ProvisionOutcome.Held)
        Console.WriteLine($"  permit {answer.PermitId}: its key is kept in {city.HeldKeys.Folder}; once the provider has decided, " +
            "`pickup` with the same --hub, --cert and --state collects the answer");
    return 0;
}

async Task<int> PickUpAsync(ParseResult options)
{
    var unopened = 0;
    foreach (var city in Connect(options, null, null))
    {
        var picked = await city.PickUpAsync(CancellationToken.None);
        foreach (var answer in picked)
        {
            if (answer.Answer is { } opened)
                PrintAnswer($"{city.Name} <- {answer.Held!.Provider} (inquiry {answer.Held.InquiryId}, held {answer.Held.HeldAt:u})", opened);
            else
                Console.WriteLine($"{city.Name}: the answer to permit {answer.PermitId} stays at the hub, not opened: {answer.Problem}");
        }
        unopened += picked.Count(p => p.Answer is null);
        Console.WriteLine($"{city.Name}: {picked.Count(p => p.Answer is not null)} answer(s) picked up, " +
            $"{city.HeldKeys.CountWaiting(city.Name)} held inquiry(ies) still waiting for their answer");
    }
    return unopened == 0 ? 0 : 1;
}

async Task<int> LoadAsync(ParseResult options, List<SimulatedMunicipality> municipalities, string provider)
{
    var rate = options.GetValue(rateOption);
    var seconds = options.GetValue(secondsOption);
    var residents = options.GetValue(residentsOption);
    var invalidPercent = options.GetValue(invalidOption);
    // Every institution acquires the symbols of the residents it will ask about first, so the timed phase measures
    // the inquiries alone (p50/p99 are theirs, not a symbol acquisition's).
    // A failed acquisition stays cached and is counted by the inquiries that need it, as before.
    await Task.WhenAll(municipalities.SelectMany(city => Enumerable.Range(0, residents).Select(async r =>
    {
        try { await city.SymbolOfAsync(r, CancellationToken.None); }
        catch (Exception error) when (error is DomainException or Grpc.Core.RpcException) { /* reported in the timed phase */ }
    })));
    var random = new Random(1);
    var tally = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
    var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
    var calls = new List<Task>();
    var clock = Stopwatch.StartNew();
    for (var n = 0; clock.Elapsed.TotalSeconds < seconds; n++)
    {
        var due = TimeSpan.FromSeconds((double)n / rate);
        if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
        var city = municipalities[n % municipalities.Count];
        var resident = random.Next(residents);
        var kind = random.Next(100) < invalidPercent ? random.Next(3) : -1;
        calls.Add(Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            string outcome;
            try
            {
                var symbol = await city.SymbolOfAsync(resident, CancellationToken.None);
                var answer = kind switch
                {
                    0 => await city.InquireAsync(symbol, Affair, Procedure, "TM00000000013904", provider, CancellationToken.None), // not on the list
                    1 => await city.InquireAsync(symbol, Affair, "JT00000000099999", providable[0], provider, CancellationToken.None), // wrong procedure
                    2 => await city.InquireAsync(Linkage.Domain.Codes.Symbol.Parse("00000000000000000000000000000000"), Affair, Procedure, providable[1], provider, CancellationToken.None),
                    _ => await city.InquireAsync(symbol, Affair, Procedure, providable[resident % 3], provider, CancellationToken.None),
                };
                outcome = $"{answer.Outcome} {answer.Reason}".TrimEnd();
            }
            catch (DomainException refusal) { outcome = "refused " + refusal.Reason; }
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            tally.AddOrUpdate(outcome, 1, (_, c) => c + 1);
        }));
    }
    await Task.WhenAll(calls);
    var sorted = latencies.Order().ToArray();
    Console.WriteLine($"{calls.Count} inquiries in {clock.Elapsed.TotalSeconds:0.0} s from {municipalities.Count} institution(s); " +
        $"p50 {sorted[sorted.Length / 2]:0.0} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:0.0} ms");
    foreach (var (outcome, count) in tally.OrderByDescending(t => t.Value)) Console.WriteLine($"  {count,6}  {outcome}");
    var held = tally.Where(t => t.Key.StartsWith(nameof(Linkage.Domain.Answers.ProvisionOutcome.Held), StringComparison.Ordinal)).Sum(t => t.Value);
    var waiting = municipalities.Sum(city => city.HeldKeys.CountWaiting(city.Name));
    if (held + waiting > 0)
        Console.WriteLine($"{held} held in this run; {waiting} held answer(s) waiting in {municipalities[0].HeldKeys.Folder} for `pickup`");
    return 0;
}
