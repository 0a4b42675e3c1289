using Grpc.Core;
using Linkage.Cli;
using Linkage.Contracts.Registry.V1;
using Linkage.Contracts.V1;
using Linkage.Sim.Population;

// acquire --gateway URL --registry URL --cert PATH --prefix 08221 [--from 0] [--count 100] [--population 155000]
//   For each resident: an acquisition number from the resident registry, then the gateway exchanges it for its symbol.
// person --prefix 08221 --resident N
//   Prints the internal address number this municipality gives synthetic resident N (for demos).
if (args.Length == 0 || args[0] is not ("acquire" or "person"))
{
    Console.Error.WriteLine("usage: acquire --gateway URL --registry URL --cert PATH --prefix NNNNN [--from 0] [--count 100] | person --prefix NNNNN --resident N");
    return 2;
}
var options = new Arguments(args.Skip(1));
var population = new SyntheticPopulation(options.Int("population", SyntheticPopulation.DefaultSize));
var prefix = options.Required("prefix");
if (args[0] == "person")
{
    Console.WriteLine(population.InternalAddressNumberOf(options.Int("resident", 0), prefix));
    return 0;
}
var from = options.Int("from", 0);
var count = Math.Min(options.Int("count", 100), population.Size - from);

using var registryChannel = Connections.Open(options, "registry");
using var gatewayChannel = Connections.Open(options, "gateway");
var registry = new ResidentRegistry.ResidentRegistryClient(registryChannel);
var gateway = new SymbolManagement.SymbolManagementClient(gatewayChannel);

int acquired = 0, already = 0, failed = 0;
for (var i = from; i < from + count; i++)
{
    try
    {
        var number = await registry.IssueAcquisitionNumberAsync(
            new IssueAcquisitionNumberRequest { IndividualNumber = population.IndividualNumberOf(i) }, deadline: DateTime.UtcNow.AddSeconds(10));
        var response = await gateway.AcquireSymbolAsync(new AcquireSymbolRequest
        {
            InternalAddressNumber = population.InternalAddressNumberOf(i, prefix),
            AcquisitionNumber = number.AcquisitionNumber,
        }, deadline: DateTime.UtcNow.AddSeconds(10));
        if (response.AlreadyAcquired) already++; else acquired++;
    }
    catch (RpcException error)
    {
        failed++;
        Console.Error.WriteLine($"resident #{i}: {error.StatusCode} {error.Status.Detail}");
    }
}
Console.WriteLine($"address system {prefix}: {acquired} symbols acquired, {already} already held, {failed} failed");
return failed == 0 ? 0 : 1;
