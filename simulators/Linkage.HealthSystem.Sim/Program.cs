using System.CommandLine;
using Grpc.Core;
using Linkage.Cli;
using Linkage.Cli.Commands;
using Linkage.Contracts.V1;
using Linkage.HealthSystem.Sim;
using Linkage.Sim.Population;

// register --gateway URL --cert PATH --prefix 08221 [--from 0] [--count 100] [--year 2025]
//     every screening result of the residents of one fiscal year, as one bulk batch (RegisterCopies);
//     a rerun resends the same batch id and stores nothing twice.
// correct --gateway URL --cert PATH --prefix 08221 --resident N --key 2025-57-1 --item CODE --value V
// delete  --gateway URL --cert PATH --prefix 08221 --resident N --key 2025-57-1
// flag    --gateway URL --cert PATH --prefix 08221 --resident N [--information TM...] [--reason support-measure] [--text T]
//     a hold flag (自動応答不可フラグ) on the resident, for one information name or, without --information, every one;
//     prints the flag's id, which unflag takes.
// unflag  --gateway URL --cert PATH --flag hf-... --text "support measure ended"
var terminal = new Terminal(Console.Out, Console.Error);
var gatewayAddress = new Option<string>("--gateway") { Description = "The gateway's address", Required = true };
var cert = new Option<string>("--cert") { Description = "PATH of the health system's PEM pair PATH.pem / PATH.key (ca.pem beside it)", Required = true };
var prefixOption = new Option<string>("--prefix") { Description = "The municipality's prefix of internal address numbers (e.g. 08221)", Required = true };
    var populationSize = new Option<int>("--population") { Description = "Size of the synthetic population", DefaultValueFactory = _ => SyntheticPopulation.DefaultSize };
var fromOption = new Option<int>("--from") { Description = "First resident", DefaultValueFactory = _ => 0 };
var countOption = new Option<int>("--count") { Description = "How many residents", DefaultValueFactory = _ => 100 };
var yearOption = new Option<int>("--year") { Description = "Fiscal year", DefaultValueFactory = _ => 2025 };
var residentOption = new Option<int>("--resident") { Description = "Synthetic resident number", DefaultValueFactory = _ => 0 };
var keyOption = new Option<string>("--key") { Description = "Record key YYYY-CC-S (e.g. 2025-57-1)", Required = true };
var itemOption = new Option<string>("--item") { Description = "Item code to correct", Required = true };
var valueOption = new Option<string>("--value") { Description = "The corrected value", Required = true };
var informationOption = new Option<string?>("--information") { Description = "The information name to hold (TM + 14 digits); without it: every one" };
var reasonOption = new Option<string>("--reason") { Description = "Why the answers must wait", DefaultValueFactory = _ => "support-measure" };
reasonOption.AcceptOnlyFromAmong([.. FlagsCommand.Reasons.Keys]);
var noteOption = new Option<string?>("--text") { Description = "A note on the reason (required with --reason other)" };
var flagOption = new Option<string>("--flag") { Description = "The flag's id (hf-...), as flag printed it", Required = true };
var whyOption = new Option<string>("--text") { Description = "Why the flag is cleared", Required = true };

var register = new Command("register", "Register every screening result of the residents of one fiscal year as one batch")
{
    gatewayAddress, cert, prefixOption, populationSize, fromOption, countOption, yearOption,
};
var correct = new Command("correct", "Correct one item of a copy (the next version)")
{
    gatewayAddress, cert, prefixOption, populationSize, residentOption, keyOption, itemOption, valueOption,
};
var delete = new Command("delete", "Delete a copy (a tombstone version)") { gatewayAddress, cert, prefixOption, populationSize, residentOption, keyOption };
var flag = new Command("flag", "Hold the answers about a resident for review (a hold flag set by this system)")
{
    gatewayAddress, cert, prefixOption, populationSize, residentOption, informationOption, reasonOption, noteOption,
};
var unflag = new Command("unflag", "Clear a hold flag this system set") { gatewayAddress, cert, flagOption, whyOption };
foreach (var command in new[] { register, correct, delete })
    command.SetGuardedAction(terminal, (parsed, _) => RunAsync(command.Name, parsed));
flag.SetGuardedAction(terminal, (parsed, _) => FlagAsync(parsed));
unflag.SetGuardedAction(terminal, (parsed, _) => UnflagAsync(parsed));
var root = new RootCommand("The health management system (健康管理システム), simulated: screening results as provision copies")
{
    register, correct, delete, flag, unflag,
};
return await CommandLine.InvokeAsync(root, args, Console.Out, Console.Error);

async Task<int> RunAsync(string verb, ParseResult options)
{
    var population = new SyntheticPopulation(options.GetValue(populationSize));
    var prefix = options.GetValue(prefixOption)!;
    using var channel = Connections.Open(options.GetValue(gatewayAddress)!, options.GetValue(cert)!);
    var gateway = new CopyRegistration.CopyRegistrationClient(channel);

    switch (verb)
    {
        case "register":
            {
                var from = options.GetValue(fromOption);
                var count = Math.Min(options.GetValue(countOption), population.Size - from);
                var year = options.GetValue(yearOption);
                var batchId = $"hms-{prefix}-{year}-{from}-{count}";
                using var call = gateway.RegisterCopies(deadline: DateTime.UtcNow.AddMinutes(30));
                var sent = 0;
                for (var i = from; i < from + count; i++)
                {
                    var resident = population.Get(i);
                    var person = population.InternalAddressNumberOf(i, prefix);
                    // The demo inquiry asks for resident #0's osteoporosis result, so the first residents always have one.
                    var copies = ScreeningResults.For(resident, person, year).ToList();
                    if (i < from + 50 && !copies.Any(c => c.RecordKey == $"{year}-57-1"))
                        copies.Add(ScreeningResults.OsteoporosisPrimary(resident, person, year));
                    foreach (var copy in copies)
                    {
                        await call.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = batchId, Copy = copy });
                        sent++;
                    }
                }
                await call.RequestStream.CompleteAsync();
                var result = await call.ResponseAsync;
                foreach (var rejection in result.Rejections.Take(20))
                    Console.Error.WriteLine($"copy #{rejection.Position} ({rejection.RecordKey}): {rejection.Field} {rejection.Reason}");
                Console.WriteLine($"health management {prefix}: batch {batchId}: {sent} sent, {result.Stored} stored, {result.Rejected} rejected"
                    + (result.AlreadyProcessed ? " (already registered earlier)" : ""));
                return result.Rejected == 0 ? 0 : 1;
            }
        case "correct":
            {
                var (person, name, key) = Record(options.GetValue(keyOption)!, options.GetValue(residentOption), population, prefix);
                var current = (await gateway.GetCopyAsync(new GetCopyRequest { InternalAddressNumber = person, InformationNameCode = name, RecordKey = key })).Copy;
                var item = options.GetValue(itemOption)!;
                var corrected = current.Clone();
                corrected.Version++;
                corrected.Items.Clear();
                corrected.Items.AddRange(current.Items.Where(i => i.ItemCode != item));
                corrected.Items.Add(new ItemValue { ItemCode = item, Value = options.GetValue(valueOption)! });
                var stored = await gateway.RegisterCopyAsync(new RegisterCopyRequest { Copy = corrected });
                Console.WriteLine($"corrected {key}: now version {stored.Version}");
                return 0;
            }
        default:
            {
                var (person, name, key) = Record(options.GetValue(keyOption)!, options.GetValue(residentOption), population, prefix);
                try
                {
                    var deleted = await gateway.DeleteCopyAsync(new DeleteCopyRequest { InternalAddressNumber = person, InformationNameCode = name, RecordKey = key });
                    Console.WriteLine($"deleted {key}: tombstone version {deleted.Version}");
                    return 0;
                }
                catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
                {
                    Console.Error.WriteLine($"{key}: no such copy");
                    return 1;
                }
            }
    }
}

// The resident by number only: the console is a log too, and the internal address number is personal data.
async Task<int> FlagAsync(ParseResult options)
{
    var resident = options.GetValue(residentOption);
    var person = new SyntheticPopulation(options.GetValue(populationSize)).InternalAddressNumberOf(resident, options.GetValue(prefixOption)!);
    using var channel = Connections.Open(options.GetValue(gatewayAddress)!, options.GetValue(cert)!);
    var flagged = await new CopyRegistration.CopyRegistrationClient(channel).SetHoldFlagAsync(new SetHoldFlagRequest
    {
        InternalAddressNumber = person,
        InformationNameCode = options.GetValue(informationOption) ?? "",
        Reason = FlagsCommand.Reasons[options.GetValue(reasonOption)!],
        ReasonText = options.GetValue(noteOption) ?? "",
    });
    Console.WriteLine($"flag {flagged.FlagId}: resident #{resident}, "
        + $"{(flagged.InformationNameCode.Length > 0 ? flagged.InformationNameCode : "every information name")}, {options.GetValue(reasonOption)}");
    return 0;
}

async Task<int> UnflagAsync(ParseResult options)
{
    using var channel = Connections.Open(options.GetValue(gatewayAddress)!, options.GetValue(cert)!);
    var cleared = await new CopyRegistration.CopyRegistrationClient(channel).ClearHoldFlagAsync(
        new ClearHoldFlagRequest { FlagId = options.GetValue(flagOption)!, Reason = options.GetValue(whyOption)! });
    Console.WriteLine($"flag {cleared.FlagId}: cleared");
    return 0;
}

static (string Person, string Name, string Key) Record(string key, int resident, SyntheticPopulation population, string prefix)
{
    var category = int.Parse(key.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture);
    var name = ScreeningProgram.All.First(p => p.ReportCategory == category).InformationName;
    return (population.InternalAddressNumberOf(resident, prefix), name, key);
}
