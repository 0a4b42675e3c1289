using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Linkage.Gateway.Tests.Attacks;

/// <summary>
/// The attack corpus on one gateway: each case of <see cref="GatewayCorpus"/> must be answered as the table says and
/// leave behind exactly the rows it names, in a database counted table by table before and after.
/// </summary>
public sealed class AttackCorpusTests(GatewayScene scene, ITestOutputHelper output) : IClassFixture<GatewayScene>
{
    public static TheoryData<string> Names => new(GatewayCorpus.Cases.Select(c => c.Name));

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Names))]
    public Task Is_refused_as_the_table_says_and_leaves_only_what_it_names(string name) =>
        AttackRunner.RunAsync(scene, GatewayCorpus.Cases.Single(c => c.Name == name));

    [Fact]
    public void The_corpus_has_at_least_50_cases_with_distinct_names_over_every_service_the_gateway_serves()
    {
        var cases = GatewayCorpus.Cases.Concat<object>(PlatformCorpus.Cases).Count();
        Assert.True(cases >= 50, $"{cases} cases");
        Assert.Equal(GatewayCorpus.Cases.Count, GatewayCorpus.Cases.Select(c => c.Name).Distinct().Count());
        Assert.Equal(PlatformCorpus.Cases.Count, PlatformCorpus.Cases.Select(c => c.Name).Distinct().Count());

        var served = scene.Network.Hitachi.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName)
            .OfType<string>().Where(s => s.StartsWith("linkage.", StringComparison.Ordinal)).ToHashSet();
        var attacked = GatewayCorpus.Cases.Select(c => c.Method).Concat(PlatformCorpus.Cases.Select(c => c.Method))
            .Select(m => m.Split('/')[1]).ToHashSet();
        Assert.Empty(served.Except(attacked));
        Assert.All(GatewayCorpus.Cases.Select(c => c.Method).Concat(PlatformCorpus.Cases.Select(c => c.Method)),
            m => Assert.True(AttackRunner.Methods.ContainsKey(m), $"{m} is no method of the gateway"));

        // The corpus by kind, for RELIABILITY.md.
        foreach (var kind in Enum.GetValues<AttackKind>())
            output.WriteLine($"{kind}: {GatewayCorpus.Cases.Count(c => c.Kind == kind)} on one gateway, {PlatformCorpus.Cases.Count(c => c.Kind == kind)} on the platform node");
        output.WriteLine($"in all: {GatewayCorpus.Cases.Count} + {PlatformCorpus.Cases.Count} over {attacked.Count} services");
        var writes = GatewayCorpus.Cases.Select(c => c.Writes).Concat(PlatformCorpus.Cases.Select(c => c.Writes)).ToList();
        output.WriteLine($"leaving a provision record: {writes.Count(w => w.Any(x => x.Table == Written.ProvisionRecords))}, " +
            $"an operation-log entry: {writes.Count(w => w.Any(x => x.Table == Written.OperationLog))}, nothing at all: {writes.Count(w => w.Length == 0)}");
    }
}
