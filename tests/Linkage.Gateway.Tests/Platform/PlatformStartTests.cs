using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Linkage.Transport;
using Serilog.Events;
using static Linkage.Gateway.Tests.Platform.PlatformNetwork;

namespace Linkage.Gateway.Tests.Platform;

/// <summary>
/// An institution whose gateway cannot start is reported by the node (which one, from which settings, why) and its
/// calls are refused as unavailable, while the others serve; a node where none can start does not start.
/// </summary>
public sealed class PlatformStartTests
{
    [Fact(Timeout = 180_000)]
    public async Task An_institution_with_an_unusable_database_is_reported_and_refused_while_the_others_serve()
    {
        var network = PlatformNetwork.Changed((institution, settings) =>
            institution == Mito ? settings.With(UnusableDatabase(settings)) : settings);
        try
        {
            await network.InitializeAsync();
            await OneDoesNotServeAsync(network);
        }
        finally
        {
            await network.DisposeAsync();
        }
    }

    private static async Task OneDoesNotServeAsync(PlatformNetwork network)
    {
        Assert.False(network.Institution(Mito).IsServing);
        var report = Assert.Single(network.NodeLogs.Events, e => e.Level == LogEventLevel.Fatal);
        Assert.Equal((Mito, NodeId), (Text(report, "Institution"), Text(report, "Node")));
        Assert.Contains("Platform:Institutions:1", Text(report, "Entry"), StringComparison.Ordinal);
        Assert.NotNull(report.Exception);

        var system = new CopyRegistration.CopyRegistrationClient(network.Channel("health-" + Mito, new PeerIdentity(Mito, Roles.HealthSystem, "health")));
        var refused = await Assert.ThrowsAsync<RpcException>(() => system.GetCopyAsync(new GetCopyRequest()).ResponseAsync);
        var relayed = await Assert.ThrowsAsync<RpcException>(() => network.ProvideAsync(Mito, network.Permit(Mito, 40, Hitachinaka)));
        Assert.Equal((StatusCode.Unavailable, "INSTITUTION_NOT_STARTED"), (refused.StatusCode, refused.Reason()));
        Assert.Equal((StatusCode.Unavailable, "INSTITUTION_NOT_STARTED"), (relayed.StatusCode, relayed.Reason()));

        await network.ProvideableAsync(Tsukuba, 40, "164.0");
        Assert.Contains("164.0", network.Open(await network.ProvideAsync(Tsukuba, network.Permit(Tsukuba, 40, Hitachinaka))));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_node_where_no_institution_starts_does_not_start_and_says_why_for_each()
    {
        var network = PlatformNetwork.Changed((institution, settings) => institution switch
        {
            Hitachinaka => settings.With(UnusableDatabase(settings)),
            Mito => settings.With(new() { ["InstitutionKeys:KeyFile"] = "/nonexistent/no-such-key.kek" }),
            _ => null, // its settings file is missing
        });

        InvalidOperationException error;
        try
        {
            error = await Assert.ThrowsAsync<InvalidOperationException>(network.InitializeAsync);
        }
        finally
        {
            await network.DisposeAsync();
        }

        Assert.Contains(NodeId, error.Message, StringComparison.Ordinal);
        var reports = network.NodeLogs.Events.Where(e => e.Level == LogEventLevel.Fatal).ToList();
        Assert.Equal(3, reports.Count);
        Assert.Contains(reports, r => Text(r, "Institution") == Hitachinaka);
        Assert.Contains(reports, r => Text(r, "Institution") == Mito && Text(r, "Cause")!.Contains("no-such-key", StringComparison.Ordinal));
        Assert.Contains(reports, r => Text(r, "Institution") == "unknown" && Text(r, "ErrorType") == nameof(FileNotFoundException)
            && Text(r, "Entry")!.Contains($"institution-{Tsukuba}.json", StringComparison.Ordinal));
    }

    /// <summary>A database path under a regular file: no directory there can be made, no file opened.</summary>
    private static Dictionary<string, string?> UnusableDatabase(Dictionary<string, string?> settings)
    {
        if (settings.GetValueOrDefault("Storage:ConnectionString") is { } connection)
            return new() { ["Storage:ConnectionString"] = new Npgsql.NpgsqlConnectionStringBuilder(connection) { Password = "not-its-password" }.ConnectionString };
        var file = Path.Combine(Path.GetDirectoryName(settings["Gateway:DatabasePath"])!, "not-a-folder");
        File.WriteAllText(file, "");
        return new() { ["Gateway:DatabasePath"] = Path.Combine(file, "gateway.db") };
    }

    private static string? Text(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: var v } ? v?.ToString() : null;
}
