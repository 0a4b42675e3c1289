namespace Linkage.Gateway.Platform;

/// <summary>
/// Keeps the request pipeline that the host builds for a gateway when it starts: everything the gateway does with a
/// call (routing, the console's guard, authentication, authorization, the endpoints), so that a platform node can run
/// a call through it. Registered as the first startup filter, its middleware is the outermost, so what follows it is
/// the whole pipeline.
/// </summary>
public sealed class PipelineCapture : IStartupFilter
{
    private volatile RequestDelegate? _pipeline;

    /// <summary>Null until the gateway has started.</summary>
    public RequestDelegate? Pipeline => _pipeline;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(rest =>
        {
            _pipeline = rest;
            return rest;
        });
        next(app);
    };
}
