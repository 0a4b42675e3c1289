using Linkage.Contracts.Network.V1;
using Linkage.Hosting;
using Linkage.Hosting.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Benchmarks.Provision;

/// <summary>A host built exactly like the gateway's (AddLinkageGrpcHost) that serves only the echo.</summary>
public static class EchoApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder> configure, ProvisionAnswer answer)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure(builder);
        builder.AddLinkageGrpcHost();
        builder.Services.AddPeerCertificateAuthentication();
        builder.Services.AddSingleton(answer);
        var app = builder.Build();
        app.MapLinkageGrpcHost();
        app.MapGrpcService<EchoService>();
        return app;
    }
}
