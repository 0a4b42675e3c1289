using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Linkage.Testing;

/// <summary>One running host of a test network: its address, its captured logs, its services.</summary>
public sealed class TestHost(string name, WebApplication app, string address, CollectingSink logs) : IAsyncDisposable
{
    public string Name { get; } = name;
    public WebApplication App { get; } = app;
    public string Address { get; } = address;
    public CollectingSink Logs { get; } = logs;
    public IServiceProvider Services => App.Services;

    public static async Task<TestHost> StartAsync(string name, int port,
        Func<string[], Action<WebApplicationBuilder>, WebApplication> create, IDictionary<string, string?> settings,
        Action<IServiceCollection>? services = null)
    {
        var logs = new CollectingSink();
        var address = $"https://127.0.0.1:{port}";
        var app = create([], builder =>
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Configuration["Urls"] = address;
            builder.Configuration["Serilog:MinimumLevel:Default"] = "Information";
            builder.Configuration["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Warning";
            // "Not ready yet" is a state the readiness check reports, not an error worth failing a test over.
            builder.Configuration["Serilog:MinimumLevel:Override:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Fatal";
            builder.Services.AddSingleton<ILogEventSink>(logs);
            services?.Invoke(builder.Services);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new TestHost(name, app, address, logs);
    }

    private int _disposed;

    /// <summary>Stops the host; once only, so a test may stop one host of a network before the network stops the rest.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
