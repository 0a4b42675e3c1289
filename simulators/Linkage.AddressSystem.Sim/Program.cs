using System.CommandLine;
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
var terminal = new Terminal(Console.Out, Console.Error);
var prefix = new Option<string>("--prefix") { Description = "The municipality's prefix of internal address numbers (e.g. 08221)", Required = true };
var populationSize = new Option<int>("--population") { Description = "Size of the synthetic population", DefaultValueFactory = _ => SyntheticPopulation.DefaultSize };
var resident = new Option<int>("--resident") { Description = "Synthetic resident number", DefaultValueFactory = _ => 0 };
var from = new Option<int>("--from") { Description = "First resident", DefaultValueFactory = _ => 0 };
var count = new Option<int?>("--count") { Description = "How many residents (acquire: 100, batch: all)" };
var gatewayAddress = new Option<string>("--gateway") { Description = "The gateway's address", Required = true };
var registryAddress = new Option<string>("--registry") { Description = "The resident registry's address", Required = true };
var cert = new Option<string>("--cert") { Description = "PATH of the address system's PEM pair PATH.pem / PATH.key (ca.pem beside it)", Required = true };

var person = new Command("person", "Print the internal address number this municipality gives a synthetic resident") { prefix, resident, populationSize };
person.SetGuardedAction(terminal, (parsed, _) =>
{
    var population = new SyntheticPopulation(parsed.GetValue(populationSize));
    Console.WriteLine(population.InternalAddressNumberOf(parsed.GetValue(resident), parsed.GetValue(prefix)!));
    return Task.FromResult(ExitCodes.Ok);
});
var acquire = new Command("acquire", "Acquire symbols one resident at a time") { gatewayAddress, registryAddress, cert, prefix, from, count, populationSize };
acquire.SetGuardedAction(terminal, (parsed, _) => AcquireAsync(parsed, batch: false));
var batch = new Command("batch", "Acquire symbols for a range in one stream, then retire the residents who left")
{
    gatewayAddress, registryAddress, cert, prefix, from, count, populationSize,
};
batch.SetGuardedAction(terminal, (parsed, _) => AcquireAsync(parsed, batch: true));
var root = new RootCommand("The address system (宛名管理), simulated: symbol acquisition for residents of the synthetic city") { acquire, batch, person };
return await CommandLine.InvokeAsync(root, args, Console.Out, Console.Error);

async Task<int> AcquireAsync(ParseResult parsed, bool batch)
{
    var population = new SyntheticPopulation(parsed.GetValue(populationSize));
    var municipality = parsed.GetValue(prefix)!;
    var first = parsed.GetValue(from);
    var n = Math.Min(parsed.GetValue(count) ?? (batch ? population.Size : 100), population.Size - first);
    using var registryChannel = Connections.Open(parsed.GetValue(registryAddress)!, parsed.GetValue(cert)!);
    using var gatewayChannel = Connections.Open(parsed.GetValue(gatewayAddress)!, parsed.GetValue(cert)!);
    var addressSystem = new AddressSystem(population, municipality,
        new ResidentRegistry.ResidentRegistryClient(registryChannel), new SymbolManagement.SymbolManagementClient(gatewayChannel));
    return batch ? await BatchAsync(addressSystem, municipality, first, n) : await OneByOneAsync(addressSystem, municipality, first, n);
}

static async Task<int> BatchAsync(AddressSystem addressSystem, string prefix, int from, int count)
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

static async Task<int> OneByOneAsync(AddressSystem addressSystem, string prefix, int from, int count)
{
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
}
