using System.CommandLine;
using Linkage.Cli;
using Linkage.LogScan;
using Linkage.Testing.LogScan;

// collect --run DIR --certs DIR --out FILE [--residents 50] [--prefix 08221 ...] [--institution CODE ...]
//     while the demo runs: the personal data it holds, as kind TAB value lines (the values themselves: keep FILE private)
// scan --values FILE --logs DIR [--expect LOG=TEXT ...]
//     after the demo stopped: every file under DIR searched for every value; prints file:line and kind, never a value;
//     exit 1 on a finding, an empty log, or an expected event that no log line holds
//     [--control DIR --control-kind KIND ...]: output that shows values on purpose, where the same scan must find
//     each KIND, or the scan itself is broken
var terminal = new Terminal(Console.Out, Console.Error);
var run = new Option<string>("--run") { Description = "The demo's run folder (LINKAGE_RUN of scripts/run-local.sh)", Required = true };
var certs = new Option<string>("--certs") { Description = "The development certificates and secrets (certs-dev/)", Required = true };
var output = new Option<string>("--out") { Description = "Where to write the values", Required = true };
var residents = new Option<int>("--residents") { Description = "Synthetic residents 0..N-1 the demo seeded", DefaultValueFactory = _ => 50 };
var prefixes = new Option<string[]>("--prefix") { Description = "A municipality's prefix of internal address numbers", Required = true, AllowMultipleArgumentsPerToken = true };
var institutions = new Option<string[]>("--institution") { Description = "An institution whose symbols the demo acquired", Required = true, AllowMultipleArgumentsPerToken = true };
var gateway = new Option<string>("--gateway") { Description = "The provider gateway holding the copies", DefaultValueFactory = _ => "https://localhost:7100" };
var provider = new Option<string>("--provider") { Description = "The provider's database name under DIR/data", DefaultValueFactory = _ => "hitachinaka" };
var healthCert = new Option<string>("--health-cert") { Description = "The provider's health system certificate, under --certs", DefaultValueFactory = _ => "health-hitachinaka" };

var valuesFile = new Option<string>("--values") { Description = "The values collect wrote", Required = true };
var logs = new Option<string>("--logs") { Description = "The folder of logs; every file under it is scanned", Required = true };
var expect = new Option<string[]>("--expect") { Description = "LOG=TEXT: a line of LOG (a file name under --logs) must hold TEXT", AllowMultipleArgumentsPerToken = true };
var control = new Option<string?>("--control") { Description = "A folder of output that shows values on purpose (the clients' answers): the scan must find them there" };
var controlKinds = new Option<string[]>("--control-kind") { Description = "A kind the control folder must show", AllowMultipleArgumentsPerToken = true };

var collect = new Command("collect", "Read the personal data the running demo holds") { run, certs, output, residents, prefixes, institutions, gateway, provider, healthCert };
collect.SetGuardedAction(terminal, async (parsed, _) =>
{
    var folder = parsed.GetValue(run)!;
    var certificates = parsed.GetValue(certs)!;
    var data = Path.Combine(folder, "data");
    var sources = new DemoSources(
        parsed.GetValue(residents),
        parsed.GetValue(prefixes)!,
        parsed.GetValue(institutions)!,
        [.. Directory.GetFiles(data, "*.db").Where(f => Path.GetFileName(f) != "hub.db").Order(StringComparer.Ordinal)],
        Path.Combine(certificates, "hub-symbol.secret"),
        Path.Combine(data, parsed.GetValue(provider) + ".db"),
        parsed.GetValue(gateway)!,
        Path.Combine(certificates, parsed.GetValue(healthCert)!));
    var values = await DemoValues.CollectAsync(sources, Console.Out);
    values.Save(parsed.GetValue(output)!);
    Console.WriteLine("values to search: " + LogScanSummary.Kinds(values));
    return ExitCodes.Ok;
});

var scan = new Command("scan", "Search every log for the values") { valuesFile, logs, expect, control, controlKinds };
scan.SetGuardedAction(terminal, (parsed, _) =>
{
    var folder = parsed.GetValue(logs)!;
    var values = SensitiveValues.Load(parsed.GetValue(valuesFile)!);
    var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
    var scanner = new LogScanner(values);
    var expectations = (parsed.GetValue(expect) ?? []).Select(LogExpectation.Parse).ToList();
    var clean = LogScanSummary.Print(scanner.Scan(files), values, expectations, folder, Console.Out);
    if (parsed.GetValue(control) is { } shown)
    {
        var controlReport = scanner.Scan(Directory.GetFiles(shown, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        clean &= LogScanSummary.PrintControl(controlReport, parsed.GetValue(controlKinds) ?? [], Console.Out);
    }
    return Task.FromResult(clean ? ExitCodes.Ok : ExitCodes.Refused);
});

var root = new RootCommand("The log scan of a demo run: personal data the demo holds, searched for in every log it wrote") { collect, scan };
return await CommandLine.InvokeAsync(root, args, Console.Out, Console.Error);
