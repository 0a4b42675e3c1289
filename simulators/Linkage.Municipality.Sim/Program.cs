using System.Diagnostics;
using Linkage.Cli;
using Linkage.Contracts.Registry.V1;
using Linkage.Domain.Errors;
using Linkage.Municipality.Sim;
using Linkage.Sim.Population;

const string Affair = "JM00000000000139";
const string Procedure = "JT00000000013901";
string[] providable = ["TM00000000013901", "TM00000000013902", "TM00000000013903"];
const string usage = """
    inquire --hub URL --registry URL --cert PATH --address-cert PATH --provider CODE --resident N [--information TM...]
        one inquiry as another municipality, printing the decrypted answer
    load    --hub URL --registry URL --cert PATH[,PATH...] --address-cert PATH --provider CODE
            [--rate 20] [--seconds 30] [--residents 50] [--invalid-percent 20]
        many institutions (one per certificate) inquiring at a chosen total rate, valid and invalid mixed
    """;
if (args.Length == 0 || args[0] is not ("inquire" or "load")) { Console.Error.WriteLine(usage); return 2; }

var options = new Arguments(args.Skip(1));
var population = new SyntheticPopulation(options.Number("population", SyntheticPopulation.DefaultSize));
using var registryChannel = Connections.Open(new Arguments(["--cert", options.Required("address-cert"), "--address", options.Required("registry")]));
var registry = new ResidentRegistry.ResidentRegistryClient(registryChannel);
var municipalities = options.Required("cert").Split(',')
    .Select(c => SimulatedMunicipality.Connect(options.Required("hub"), c,
        (options.Optional("hub-key", Path.Combine(Path.GetDirectoryName(Path.GetFullPath(c))!, "hub-signing.pub")), options.Optional("hub-key-id", "hub-dev-1")),
        registry, population)).ToList();
var provider = options.Required("provider");

if (args[0] == "inquire")
{
    var city = municipalities[0];
    var symbol = await city.SymbolOfAsync(options.Number("resident", 0), CancellationToken.None);
    var answer = await city.InquireAsync(symbol, Affair, Procedure, options.Optional("information", providable[2]), provider, CancellationToken.None);
    Console.WriteLine($"{city.Name} <- {provider}: {answer.Outcome} {answer.Reason}".TrimEnd());
    foreach (var record in answer.Records)
    {
        Console.WriteLine($"  record {record.RecordKey} v{record.Version}");
        foreach (var item in record.Items) Console.WriteLine($"    {item.ItemCode} = {item.Value}");
    }
    return 0;
}

var rate = options.Number("rate", 20);
var seconds = options.Number("seconds", 30);
var residents = options.Number("residents", 50);
var invalidPercent = options.Number("invalid-percent", 20);
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
return 0;
