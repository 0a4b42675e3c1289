using Grpc.Core;
using Linkage.Cli;
using Linkage.Contracts.V1;
using Linkage.HealthSystem.Sim;
using Linkage.Sim.Population;

// register --gateway URL --cert PATH --prefix 08221 [--from 0] [--count 100] [--year 2025]
if (args.Length == 0 || args[0] != "register")
{
    Console.Error.WriteLine("usage: register --gateway URL --cert PATH --prefix NNNNN [--from 0] [--count 100] [--year 2025]");
    return 2;
}
var options = new Arguments(args.Skip(1));
var population = new SyntheticPopulation(options.Int("population", SyntheticPopulation.DefaultSize));
var prefix = options.Required("prefix");
var from = options.Int("from", 0);
var count = Math.Min(options.Int("count", 100), population.Size - from);
var year = options.Int("year", 2025);

using var channel = Connections.Open(options, "gateway");
var gateway = new CopyRegistration.CopyRegistrationClient(channel);
int stored = 0, failed = 0;
for (var i = from; i < from + count; i++)
{
    var copy = ScreeningResults.OsteoporosisPrimary(population.Get(i), population.InternalAddressNumberOf(i, prefix), year);
    try
    {
        await gateway.RegisterCopyAsync(new RegisterCopyRequest { Copy = copy }, deadline: DateTime.UtcNow.AddSeconds(10));
        stored++;
    }
    catch (RpcException error) when (error.StatusCode == StatusCode.FailedPrecondition)
    {
        // Already registered in an earlier run: version 1 exists.
        stored++;
    }
    catch (RpcException error)
    {
        failed++;
        Console.Error.WriteLine($"resident #{i}: {error.StatusCode} {error.Status.Detail}");
    }
}
Console.WriteLine($"health management {prefix}: {stored} copies registered, {failed} failed");
return failed == 0 ? 0 : 1;
