using Linkage.Hosting;
using Linkage.Hosting.Authentication;

namespace Linkage.Registry.Sim;

public static class RegistryApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddLinkageGrpcHost();
        builder.Services.AddPeerCertificateAuthentication();
        builder.Services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AcquisitionNumberBook>();

        var app = builder.Build();
        app.MapLinkageGrpcHost();
        app.MapGrpcService<ResidentRegistryService>();
        return app;
    }
}
