using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Permits;
using Linkage.Domain.Provision;
using Linkage.Domain.Symbols;
using Linkage.Gateway.Options;
using Linkage.Gateway.PermittedLists;
using Linkage.Gateway.Startup;
using Linkage.Network.Client;
using Linkage.Storage;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway;

public static class DependencyInjection
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CopyEncryptionOptions>().BindConfiguration(CopyEncryptionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NetworkClientOptions>().BindConfiguration(NetworkClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Must start before the record writer (registered by storage), which reads the chain's tail.
        services.AddSingleton<Readiness>();
        services.AddHostedService<DatabaseStartup>();

        var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new InstitutionScope(InstitutionCode.Parse(Gateway(provider).InstitutionCode)));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CopyEncryptionOptions>>().Value;
            return new AtRestCipher(options.LoadKeys(), options.ActiveKeyId);
        });
        services.AddLinkageStorage(gateway.DatabasePath);

        services.AddSingleton(provider => new Ed25519SignatureVerifier(
            Convert.FromBase64String(Gateway(provider).HubSigningKey), Gateway(provider).HubSigningKeyId));
        services.AddSingleton(provider => new HubConnection(
            provider.GetRequiredService<IOptions<NetworkClientOptions>>().Value, provider.GetRequiredService<TlsMaterial>()));
        services.AddSingleton<PermittedListCodec>();
        services.AddSingleton<PermittedListHolder>();
        services.AddSingleton<IPermittedListSource>(provider => provider.GetRequiredService<PermittedListHolder>());
        services.AddSingleton<PermittedListSynchronizer>();
        services.AddHostedService(provider => provider.GetRequiredService<PermittedListSynchronizer>());
        services.AddHostedService<ReplayPurgeJob>();
        services.AddHostedService<AbandonedBatchJob>();

        services.AddSingleton<IPermitVerifier, SignedPermitVerifier>();
        services.AddSingleton<AnswerKeys>();
        services.AddSingleton<IAnswerSealer, EnvelopeAnswerSealer>();
        services.AddSingleton<ISymbolIssuer, HubSymbolIssuer>();
        services.AddSingleton<INetworkInquirer, NetworkInquirer>();
        services.AddSingleton<IAnswerOpener, EnvelopeAnswerOpener>();
        services.AddSingleton<IAnswerRelay, HubAnswerRelay>();
        services.TryAddSingleton<IHoldPolicy, NoHoldFlags>(); // the seam for hold flags: a registered policy wins
        services.AddSingleton(provider => new ProvisionSettings(
            provider.GetRequiredService<InstitutionScope>().Code, Gateway(provider).MaxClockSkew, Gateway(provider).ReviewWindow));
        services.AddSingleton<ProvisionHandler>();
        services.AddSingleton<HeldAnswerRelease>();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<InquiryHandler>(provider, provider.GetRequiredService<InstitutionScope>().Code));
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<AnswerDelivery>(provider, provider.GetRequiredService<InstitutionScope>().Code));
        services.AddSingleton<SymbolAcquisition>();
        services.AddSymbolBatches();
        services.AddSingleton(ItemCatalogue.Default);
        services.AddSingleton<CopyValidator>();
        services.AddSingleton<Domain.Copies.Batches.CopyBatchRegistration>();

        services.AddHealthChecks().AddCheck<Readiness>("ready");
        services.AddSingleton<IAuthorizationHandler, OwnInstitutionHandler>();
        return builder;
    }

    private static GatewayOptions Gateway(IServiceProvider provider) => provider.GetRequiredService<IOptions<GatewayOptions>>().Value;
}
