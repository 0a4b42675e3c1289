using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Linkage.Gateway.Platform;

/// <summary>
/// The server of an institution's gateway inside a platform node: it listens nowhere, because the node's listener
/// takes every call. Starting the gateway then starts only its hosted services (writers, jobs) and builds its pipeline.
/// </summary>
public sealed class NoListener : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
        Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() { }
}
