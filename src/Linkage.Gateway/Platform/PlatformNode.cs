using Linkage.Gateway.StaffConsole;
using Linkage.Hosting;

namespace Linkage.Gateway.Platform;

/// <summary>
/// A platform node: one mutual-TLS listener for many institutions, each a complete gateway of its own
/// (<see cref="HostedInstitution"/>: its own database, keys, jobs and records), with <see cref="CallPlacement"/> between
/// them. Program.cs runs a node when the "Platform" section is configured, otherwise one gateway (ADR 0011).
/// </summary>
public static class PlatformNode
{
    /// <summary>Whether the configuration the host would read (files, environment, command line) describes a node.</summary>
    public static bool IsConfigured(string[] args)
    {
        var probe = WebApplication.CreateBuilder(args);
        try
        {
            return probe.Configuration.GetSection(PlatformOptions.Section).Exists();
        }
        finally
        {
            probe.Configuration.Dispose();
        }
    }

    /// <param name="configure">The node's builder, before its settings are read (tests: configuration, log sinks).</param>
    /// <param name="configureInstitution">Each institution's gateway builder, after its settings (tests: log sinks, clocks).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null,
        Action<WebApplicationBuilder>? configureInstitution = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var platform = PlatformOptions.Read(builder.Configuration);
        builder.Configuration["Serilog:Properties:Node"] = platform.NodeId;
        builder.AddLinkageTlsListener();
        builder.ListenOnConsolePort();

        var entries = builder.Configuration.GetSection($"{PlatformOptions.Section}:{nameof(PlatformOptions.Institutions)}").GetChildren();
        var all = entries.Select(entry => HostedInstitution.Build(entry, builder.Configuration, platform.NodeId, configureInstitution)).ToList();
        try
        {
            HostedInstitutions.RequireDistinct(all);
        }
        catch
        {
            foreach (var institution in all) institution.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        builder.Services.AddSingleton(provider =>
            new HostedInstitutions(all, platform.NodeId, provider.GetRequiredService<ILogger<HostedInstitutions>>()));
        builder.Services.AddHostedService(provider => provider.GetRequiredService<HostedInstitutions>());
        builder.Services.AddSingleton(provider => new CallPlacement(provider.GetRequiredService<HostedInstitutions>(),
            platform.NodeId, provider.GetRequiredService<ILogger<CallPlacement>>()));

        var app = builder.Build();
        app.Run(app.Services.GetRequiredService<CallPlacement>().InvokeAsync);
        return app;
    }
}
