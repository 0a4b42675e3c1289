using Grpc.AspNetCore.Server.Model;
using Linkage.Hosting.Errors;
using Linkage.Hosting.Logging;
using Linkage.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Linkage.Hosting;

/// <summary>
/// What every Linkage gRPC host sets up the same way: mTLS, errors, health, reflection. Each host adds its own
/// authentication: the simulators trust the certificate's role (AddPeerCertificateAuthentication), the gateway its registry.
/// </summary>
public static class GrpcHostSetup
{
    public static WebApplicationBuilder AddLinkageGrpcHost(this WebApplicationBuilder builder)
    {
        builder.AddLinkageTlsListener();
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<DomainErrorInterceptor>();
            options.MaxReceiveMessageSize = MutualTlsChannel.MaxMessageBytes;
            options.EnableDetailedErrors = false;
        });
        // Generated services are bound by a provider that refuses unreadable requests with a reason, in place of
        // grpc-dotnet's own, which binds them the same way but answers such a request as UNKNOWN.
        var binder = builder.Services.Single(d => d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType?.Name == "BinderServiceMethodProvider`1");
        builder.Services.Remove(binder);
        builder.Services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(ReadableRequestsMethodProvider<>));
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }

    /// <summary>
    /// The mutual-TLS listener and logging without any service: a platform node listens for the institutions it hosts
    /// and hands each call to one of them.
    /// </summary>
    public static WebApplicationBuilder AddLinkageTlsListener(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(provider => TlsMaterial.Load(provider.GetRequiredService<IOptions<TlsOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<RevocationList>(), watch: true));
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<TlsMaterial>((kestrel, tls) => MutualTlsServer.Configure(kestrel, tls));
        builder.Services.AddLinkageLogging(builder.Configuration);
        return builder;
    }

    /// <param name="afterAuthentication">Middleware that needs the authenticated caller and must run before authorization
    /// (the gateway's per-caller rate limit: before a refused call can cost an operation-log entry).</param>
    public static WebApplication MapLinkageGrpcHost(this WebApplication app, Action<WebApplication>? afterAuthentication = null)
    {
        app.UseAuthentication();
        afterAuthentication?.Invoke(app);
        app.UseAuthorization();
        app.Use(MessageSizeLimit.CheckAsync);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
