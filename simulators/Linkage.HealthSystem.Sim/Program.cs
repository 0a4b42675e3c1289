using Grpc.Core;
using Linkage.Cli;
using Linkage.Contracts.V1;
using Linkage.HealthSystem.Sim;
using Linkage.Sim.Population;

// register --gateway URL --cert PATH --prefix 08221 [--from 0] [--count 100] [--year 2025]
//     every screening result of the residents of one fiscal year, as one bulk batch (RegisterCopies);
//     a rerun resends the same batch id and stores nothing twice.
// correct --gateway URL --cert PATH --prefix 08221 --resident N --key 2025-57-1 --item CODE --value V
// delete  --gateway URL --cert PATH --prefix 08221 --resident N --key 2025-57-1
const string usage = "usage: register|correct|delete --gateway URL --cert PATH --prefix NNNNN [--from 0] [--count 100] [--year 2025] "
    + "[--resident N --key YYYY-CC-S [--item CODE --value V]]";
if (args.Length == 0 || args[0] is not ("register" or "correct" or "delete"))
{
    Console.Error.WriteLine(usage);
    return 2;
}
var options = new Arguments(args.Skip(1));
var population = new SyntheticPopulation(options.Number("population", SyntheticPopulation.DefaultSize));
var prefix = options.Required("prefix");
using var channel = Connections.Open(options, "gateway");
var gateway = new CopyRegistration.CopyRegistrationClient(channel);

switch (args[0])
{
    case "register":
        {
            var from = options.Number("from", 0);
            var count = Math.Min(options.Number("count", 100), population.Size - from);
            var year = options.Number("year", 2025);
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
            var (person, name, key) = Record(options, population, prefix);
            var current = (await gateway.GetCopyAsync(new GetCopyRequest { InternalAddressNumber = person, InformationNameCode = name, RecordKey = key })).Copy;
            var item = options.Required("item");
            var corrected = current.Clone();
            corrected.Version++;
            corrected.Items.Clear();
            corrected.Items.AddRange(current.Items.Where(i => i.ItemCode != item));
            corrected.Items.Add(new ItemValue { ItemCode = item, Value = options.Required("value") });
            var stored = await gateway.RegisterCopyAsync(new RegisterCopyRequest { Copy = corrected });
            Console.WriteLine($"corrected {key}: now version {stored.Version}");
            return 0;
        }
    default:
        {
            var (person, name, key) = Record(options, population, prefix);
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

static (string Person, string Name, string Key) Record(Arguments options, SyntheticPopulation population, string prefix)
{
    var key = options.Required("key");
    var category = int.Parse(key.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture);
    var name = ScreeningProgram.All.First(p => p.ReportCategory == category).InformationName;
    return (population.InternalAddressNumberOf(options.Number("resident", 0), prefix), name, key);
}
