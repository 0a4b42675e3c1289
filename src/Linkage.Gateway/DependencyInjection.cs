using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Copies.Batches;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Permits;
using Linkage.Domain.Provision;
using Linkage.Domain.Records;
using Linkage.Domain.Review;
using Linkage.Domain.Review.HoldFlags;
using Linkage.Domain.Symbols;
using Linkage.Domain.Tickets;
using Linkage.Gateway.Jobs;
using Linkage.Gateway.Options;
using Linkage.Gateway.Startup;
using Linkage.Gateway.Symbols;
using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using Linkage.Gateway.Administration;
using Microsoft.AspNetCore.Authentication;
using System.Net;
using Linkage.Network.Client;
using Linkage.Storage;
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
        services.AddOptions<InstitutionKeysOptions>().BindConfiguration(InstitutionKeysOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SymbolBatchOptions>().BindConfiguration(SymbolBatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CheckpointOptions>().BindConfiguration(CheckpointOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TicketOptions>().BindConfiguration(TicketOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Must start before the record writer (registered by storage), which reads the chain's tail.
        services.AddSingleton<Readiness>();
        services.AddHostedService<DatabaseStartup>();

        services.TryAddSingleton(TimeProvider.System); // a test may bring its own clock
        services.AddSingleton(provider => new InstitutionScope(InstitutionCode.Parse(Gateway(provider).InstitutionCode), Gateway(provider).NodeId));
        services.AddSingleton(provider => new TrustedHub(InstitutionCode.Parse(Gateway(provider).HubInstitutionCode)));
        services.AddSingleton<InstitutionKeyOpening>();
        var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddLinkageStorage(storage.Open(gateway.DatabasePath));
        services.AddSingleton<IChainHasher<ProvisionRecordEntry>>(RecordHasher.Sha256);
        services.AddSingleton<IChainHasher<OperationEntry>>(OperationHasher.Sha256);
        services.AddNetworkClient(provider => new Ed25519SignatureVerifier(
            Convert.FromBase64String(Gateway(provider).HubSigningKey), Gateway(provider).HubSigningKeyId),
            provider => Gateway(provider).HubInstitutionCode);

        services.AddSingleton<ICheckpointSignatures>(provider =>
        {
            var checkpoints = provider.GetRequiredService<IOptions<CheckpointOptions>>().Value;
            var privateKey = checkpoints.LoadPrivateKey();
            var publicKey = Convert.FromBase64String(checkpoints.PublicKey);
            if (!Ed25519Keys.PublicKeyOf(privateKey).AsSpan().SequenceEqual(publicKey))
                throw new InvalidOperationException("The checkpoint key is not the pair of Checkpoints:PublicKey, the key registered at the hub.");
            return new CheckpointSignatures(new Ed25519SignatureSigner(privateKey, checkpoints.KeyId),
                checkpoints.NodeKeys(Gateway(provider).NodeId), provider.GetRequiredService<Ed25519SignatureVerifier>());
        });

        AddDomain(services);
        AddJobs(services);
        // One node per SQLite file: nobody else changes what this node holds in memory.
        if (storage.Provider == Storage.Database.StorageProvider.PostgreSql) services.AddHostedService<SharedStateRefreshJob>();

        services.AddHealthChecks().AddCheck<Readiness>("ready")
            .AddCheck<EscalationJob>(EscalationJob.HealthName, tags: [EscalationJob.HealthName])
            .AddCheck<JobHealthCheck>(JobHealthCheck.HealthName, tags: [JobHealthCheck.HealthName]);
        // Escalated held responses make the "review" service NOT_SERVING for whoever watches it, a failing background
        // job the "linkage.jobs" service; the gateway as a whole ("") still serves: answers that need a person, or a
        // purge that failed, never stop the answers that can go.
        services.Configure<Grpc.AspNetCore.HealthChecks.GrpcHealthChecksOptions>(options =>
        {
            string[] components = [EscalationJob.HealthName, JobHealthCheck.HealthName];
            options.Services.Map("", context => !components.Any(context.Tags.Contains));
            foreach (var component in components)
                options.Services.Map(component, context => context.Tags.Contains(component));
        });
        AddAccess(services);
        return builder;
    }

    /// <summary>The rules of each function; the domain knows nothing of containers, so it is wired here.</summary>
    private static void AddDomain(IServiceCollection services)
    {
        services.AddSingleton<PermittedListHolder>();
        services.AddSingleton<IPermittedListSource>(provider => provider.GetRequiredService<PermittedListHolder>());

        services.AddSingleton(provider => new ProvisionSettings(Gateway(provider).MaxClockSkew));
        services.AddSingleton(provider =>
        {
            var review = provider.GetRequiredService<IOptions<ReviewOptions>>().Value;
            return new ReviewSettings(review.ReviewWindow, review.Windows, review.TwoPersonInformationNames.ToHashSet(StringComparer.Ordinal),
                review.TwoPersonHoldReasons.ToHashSet(StringComparer.Ordinal));
        });
        services.AddSingleton<HoldFlagIndex>();
        services.TryAddSingleton<IHoldPolicy>(provider => provider.GetRequiredService<HoldFlagIndex>()); // a test's policy wins
        services.AddSingleton<HoldFlagAdministration>();
        services.AddSingleton<HoldFlagMapping>();
        services.AddSingleton(provider => new Domain.Answers.AnswerSizeCap(provider.GetRequiredService<IOptions<LimitsOptions>>().Value.AnswerBytes));
        services.AddSingleton<ProvisionHandler>();
        services.AddSingleton<HeldReview>();
        services.AddSingleton<InquiryHandler>();
        services.AddSingleton<AnswerDelivery>();
        services.AddSingleton<HashChainVerifier<ProvisionRecordEntry>>();
        services.AddSingleton<HashChainVerifier<OperationEntry>>();
        services.AddSingleton<SealedChainVerifier<ProvisionRecordEntry>>();
        services.AddSingleton<SealedChainVerifier<OperationEntry>>();
        services.AddSingleton<ChainSealer>();
        services.AddSingleton<Domain.Records.Disclosure.RecordDisclosure>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<RetentionOptions>>().Value.ToSettings());
        services.AddSingleton<Domain.Retention.RetentionRun>();

        services.AddSingleton<CallerRegistry>();
        services.AddSingleton(provider =>
        {
            var staff = provider.GetRequiredService<IOptions<StaffOptions>>().Value;
            return SessionSettings.Default with { IdleTimeout = staff.IdleTimeout, Lifetime = staff.SessionLifetime };
        });
        services.AddSingleton(provider => new SignInNetworks(
            provider.GetRequiredService<IOptions<StaffOptions>>().Value.SignInNetworks.Select(n => IPNetwork.Parse(n)).ToList()));
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<RegistryAdministration>();

        services.AddSingleton<SymbolAcquisition>();
        services.AddSingleton<ISymbolBatchObserver, SymbolBatchLog>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SymbolBatchOptions>>().Value;
            return SymbolBatchSettings.Default with { ChunkSize = options.ChunkSize, Parallelism = options.Parallelism };
        });
        services.AddSingleton<SymbolBatchAcquisition>();
        services.AddSingleton<SymbolMappings>();

        services.AddSingleton(ItemCatalogue.Default);
        services.AddSingleton<CopyValidator>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<LimitsOptions>>().Value.ToCopyBatchLimits());
        services.AddSingleton<CopyBatchRegistration>();

        services.AddSingleton(provider => new TicketSettings(provider.GetRequiredService<IOptions<TicketOptions>>().Value.DecisionDays));
        services.AddSingleton<TicketDesk>();
    }

    /// <summary>Every job reports its runs through the <see cref="JobBoard"/>, which the notifier watches.</summary>
    private static void AddJobs(IServiceCollection services)
    {
        services.AddSingleton<JobNotifier>();
        services.AddSingleton<IJobWatcher>(provider => provider.GetRequiredService<JobNotifier>());
        services.AddHostedService(provider => provider.GetRequiredService<JobNotifier>());
        services.AddSingleton<JobBoard>();
        services.AddSingleton<PermittedListSynchronizer>();
        services.AddHostedService(provider => provider.GetRequiredService<PermittedListSynchronizer>());
        services.AddHostedService<ReplayPurgeJob>();
        services.AddHostedService<AbandonedBatchJob>();
        services.AddHostedService<SessionSweepJob>();
        services.AddSingleton<CheckpointJob>();
        services.AddHostedService(provider => provider.GetRequiredService<CheckpointJob>());
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionJob>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<IOutboxSignal>(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<EscalationJob>();
        services.AddHostedService(provider => provider.GetRequiredService<EscalationJob>());
    }

    /// <summary>
    /// Who may call: the certificate names the caller, the registry and sessions say what they may do
    /// (<see cref="RpcPermissions"/>, deny by default), refusals and every staff call go to the operation log.
    /// </summary>
    private static void AddAccess(IServiceCollection services)
    {
        services.AddAuthentication(CallerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CallerAuthenticationHandler>(CallerAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser().AddRequirements(new RpcPermissionRequirement()).Build());
        services.AddSingleton<IAuthorizationHandler, RpcPermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessRefusalHandler>();
        services.AddCallerRateLimit();
        services.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(options => options.Interceptors.Add<OperationLogInterceptor>());
        services.AddSingleton<PresentedCertificates>();
        services.AddSingleton<HeldOperations>();
        services.AddSingleton<StatisticsReport>();
    }

    private static GatewayOptions Gateway(IServiceProvider provider) => provider.GetRequiredService<IOptions<GatewayOptions>>().Value;
}
