using Grpc.Core;
using Linkage.AddressSystem.Sim;
using Linkage.Cli;
using Linkage.Contracts.Registry.V1;
using Linkage.Contracts.V1;
using Linkage.Sim.Population;

// acquire --gateway URL --registry URL --cert PATH --prefix 08221 [--from 0] [--count 100] [--population 155000]
//   For each resident, one by one: an acquisition number from the resident registry, then the gateway exchanges it.
// batch --gateway URL --registry URL --cert PATH --prefix 08221 [--from 0] [--count all] [--population 155000]
//   The same for a whole range in one AcquireSymbols stream, then retires the residents who left (消除).
// person --prefix 08221 --resident N
//   Prints the internal address number this municipality gives synthetic resident N (for demos).
if (args.Length == 0 || args[0] is not ("acquire" or "batch" or "person"))
{
    Console.Error.WriteLine("usage: acquire|batch --gateway URL --registry URL --cert PATH --prefix NNNNN [--from 0] [--count N] | person --prefix NNNNN --resident N");
    return 2;
}
var options = new Arguments(args.Skip(1));
var population = new SyntheticPopulation(options.Number("population", SyntheticPopulation.DefaultSize));
var prefix = options.Required("prefix");
if (args[0] == "person")
{
    Console.WriteLine(population.InternalAddressNumberOf(options.Number("resident", 0), prefix));
    return 0;
}
var from = options.Number("from", 0);
var count = Math.Min(options.Number("count", args[0] == "batch" ? population.Size : 100), population.Size - from);

using var registryChannel = Connections.Open(options, "registry");
using var gatewayChannel = Connections.Open(options, "gateway");
var addressSystem = new AddressSystem(population, prefix,
    new ResidentRegistry.ResidentRegistryClient(registryChannel), new SymbolManagement.SymbolManagementClient(gatewayChannel));

if (args[0] == "batch")
{
    var started = System.Diagnostics.Stopwatch.StartNew();
    var result = await addressSystem.AcquireAllAsync(from, count);
    var retired = await addressSystem.RetireDepartedAsync(from, count);
    var gateway = result.Gateway;
    foreach (var failure in gateway.Failures)
        Console.Error.WriteLine($"resident #{result.ResidentAt(failure.Position)}: {failure.Reason} {failure.Description}");
    foreach (var (resident, reason) in result.RegistryRefusals)
        Console.Error.WriteLine($"resident #{resident}: registry refused: {reason}");
    Console.WriteLine($"address system {prefix}: {gateway.Received} sent, {gateway.Acquired} symbols acquired, {gateway.AlreadyAcquired} already held, " +
        $"{gateway.Failed + result.RegistryRefusals.Count} failed, {retired} newly retired (left the city), in {started.Elapsed.TotalSeconds:F1} s");
    return gateway.Failed + result.RegistryRefusals.Count == 0 ? 0 : 1;
}

int acquired = 0, already = 0, failed = 0;
for (var i = from; i < from + count; i++)
{
    try
    {
        if (await addressSystem.AcquireOneAsync(i)) already++; else acquired++;
    }
    catch (RpcException error)
    {
        failed++;
        Console.Error.WriteLine($"resident #{i}: {error.StatusCode} {error.Status.Detail}");
    }
}
Console.WriteLine($"address system {prefix}: {acquired} symbols acquired, {already} already held, {failed} failed");
return failed == 0 ? 0 : 1;
