using Linkage.Crypto;
using Linkage.Hosting;
using Linkage.Hosting.Authentication;
using Microsoft.Extensions.Options;

namespace Linkage.Network.Sim;

public static class HubApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddLinkageGrpcHost();
        builder.Services.AddPeerCertificateAuthentication();

        var services = builder.Services;
        // A key the options do not know is refused, not ignored: a left-over `Endpoint` of a member would otherwise leave
        // it without nodes, and its answers in the mailbox.
        services.AddOptions<HubOptions>().BindConfiguration(HubOptions.Section, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var hub = provider.GetRequiredService<IOptions<HubOptions>>().Value;
            return new Ed25519SignatureSigner(Convert.FromBase64String(hub.SigningKey), hub.SigningKeyId);
        });
        services.AddSingleton(provider =>
        {
            var hub = provider.GetRequiredService<IOptions<HubOptions>>().Value;
            return new Ed25519SignatureVerifier(Ed25519Keys.PublicKeyOf(Convert.FromBase64String(hub.SigningKey)), hub.SigningKeyId);
        });
        services.AddSingleton(provider =>
            new SymbolDerivation(Convert.FromBase64String(provider.GetRequiredService<IOptions<HubOptions>>().Value.SymbolSecret)));
        services.AddSingleton<PermittedListPublisher>();
        services.AddSingleton<PermitIssuer>();
        services.AddSingleton<SymbolIssuance>();
        services.AddSingleton<RegistryClient>();
        services.AddSingleton<ProviderRelay>();
        services.AddSingleton<HubDatabase>();
        services.AddSingleton<AnswerMailbox>();
        services.AddSingleton<CheckpointWitnessing>();
        services.AddSingleton(provider => new Faults.FaultInjector(provider.GetRequiredService<IOptions<HubOptions>>().Value.Faults,
            provider.GetRequiredService<ILogger<Faults.FaultInjector>>()));

        var app = builder.Build();
        app.MapLinkageGrpcHost();
        app.MapGrpcService<ProvisionNetworkService>();
        return app;
    }
}
