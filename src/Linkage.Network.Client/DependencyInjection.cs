using Linkage.Crypto;
using Linkage.Domain.Answers;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;
using Linkage.Domain.Symbols;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Linkage.Network.Client;

public static class DependencyInjection
{
    /// <summary>
    /// The gateway's side of the network: the channel to the hub, the hub's signature on permits and lists (with the key
    /// from configuration), answer sealing and opening with this process's answer keys, and the domain's ports toward the hub.
    /// </summary>
    /// <param name="hubInstitutionCode">The hub's institution code from the host's configuration, which its certificate must name.</param>
    public static IServiceCollection AddNetworkClient(this IServiceCollection services, Func<IServiceProvider, Ed25519SignatureVerifier> hubKey,
        Func<IServiceProvider, string> hubInstitutionCode)
    {
        services.AddOptions<NetworkClientOptions>().BindConfiguration(NetworkClientOptions.Section)
            .Configure<IServiceProvider>((options, provider) => options.HubInstitutionCode = hubInstitutionCode(provider))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => new HubConnection(
            provider.GetRequiredService<IOptions<NetworkClientOptions>>().Value, provider.GetRequiredService<TlsMaterial>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<HubConnection>()));
        services.AddSingleton(hubKey);
        services.AddSingleton<PermittedListCodec>();
        services.AddSingleton<IPermitVerifier, SignedPermitVerifier>();
        services.AddSingleton<AnswerKeys>();
        services.AddSingleton<IAnswerSealer, EnvelopeAnswerSealer>();
        services.AddSingleton<IAnswerOpener, EnvelopeAnswerOpener>();
        services.AddSingleton<ISymbolIssuer, HubSymbolIssuer>();
        services.AddSingleton<INetworkInquirer, NetworkInquirer>();
        services.AddSingleton<IAnswerRelay, HubAnswerRelay>();
        services.AddSingleton<Domain.Chains.Checkpoints.ICheckpointWitness, HubCheckpointWitness>();
        return services;
    }
}
