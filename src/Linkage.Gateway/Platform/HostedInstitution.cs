using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Linkage.Gateway.Platform;

/// <summary>
/// One institution's complete gateway inside a platform node: <see cref="GatewayApp"/> built with that institution's
/// settings, exactly as a single gateway, but with no listener of its own. Starting it runs its hosted services (its
/// database, writers, jobs); the node then hands it the calls placed with it, which run through the gateway's own
/// pipeline with a scope of the gateway's own services, so nothing of another institution is within reach.
/// </summary>
public sealed class HostedInstitution : IAsyncDisposable
{
    private readonly PipelineCapture _pipeline = new();
    private WebApplication? _app;
    private IServiceScopeFactory? _scopes;
    private volatile bool _started;

    private HostedInstitution(string entry) => Entry = entry;

    /// <summary>Where its settings come from: how the node names it when its code is not known.</summary>
    public string Entry { get; }

    /// <summary>The institution code its settings name; null when they could not be read.</summary>
    public string? Code { get; private set; }

    /// <summary>Why it does not serve: its settings could not be read, or its gateway did not build or start.</summary>
    public Exception? Failure { get; private set; }

    public bool IsServing => _started;

    /// <summary>The gateway's own services (its registry, stores, jobs), for the node's operator tools and tests.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException($"{Entry} has no running gateway.");

    /// <summary>Builds the gateway; a failure is kept in <see cref="Failure"/> for the node to report, not thrown.</summary>
    /// <param name="configure">Runs after the settings are in place (tests: log sinks, clocks).</param>
    public static HostedInstitution Build(IConfigurationSection entry, IConfiguration node, string nodeId,
        Action<WebApplicationBuilder>? configure)
    {
        var institution = new HostedInstitution(InstitutionSettings.Describe(entry));
        try
        {
            // Its configuration is replaced by copies (InstitutionSettings), so the default appsettings.json sources would
            // only leave a watcher of the content root behind: on Linux an inotify instance per institution, of 128 a
            // user has by default.
            institution._app = GatewayApp.Create(["--hostBuilder:reloadConfigOnChange=false"], builder =>
            {
                institution.Code = InstitutionSettings.Apply(builder.Configuration, node, entry, nodeId);
                builder.Services.AddSingleton<IServer, NoListener>();
                builder.Services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter>(institution._pipeline));
                configure?.Invoke(builder);
            });
        }
        catch (Exception error)
        {
            institution.Failure = error;
        }
        return institution;
    }

    /// <summary>Starts the gateway's hosted services; on failure stops what did start and keeps the reason.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_app is null) return;
        try
        {
            await _app.StartAsync(cancellationToken);
            if (_pipeline.Pipeline is null) throw new InvalidOperationException("The gateway started without building its pipeline.");
            _scopes = _app.Services.GetRequiredService<IServiceScopeFactory>();
            _started = true;
        }
        catch (Exception error)
        {
            Failure = error;
            await ReleaseAsync();
        }
    }

    /// <summary>Runs a call placed with this institution through its gateway, with the gateway's services.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var features = context.Features;
        var node = features.Get<IServiceProvidersFeature>();
        await using var scope = _scopes!.CreateAsyncScope();
        features.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = scope.ServiceProvider });
        try
        {
            await _pipeline.Pipeline!(context);
        }
        finally
        {
            features.Set(node);
        }
    }

    /// <summary>Stops the gateway gracefully (its jobs, the checkpoint sealed at shutdown).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is null || !_started) return;
        _started = false;
        await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    private async Task ReleaseAsync()
    {
        var app = _app;
        _app = null;
        if (app is null) return;
        if (_started || Failure is not null)
        {
            _started = false;
            try
            {
                await app.StopAsync(CancellationToken.None);
            }
            catch (Exception)
            {
                // What did not start cannot always stop cleanly; the failure being reported is the start's.
            }
        }
        await app.DisposeAsync();
    }
}
