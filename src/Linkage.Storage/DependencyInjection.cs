using Linkage.Domain;
using Linkage.Domain.Copies;
using Linkage.Domain.Copies.Batches;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Symbols;
using Linkage.Storage.Copies;
using Linkage.Storage.Keys;
using Linkage.Storage.Permits;
using Linkage.Storage.Records;
using Linkage.Storage.Symbols;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Linkage.Storage.Database;

namespace Linkage.Storage;

public static class DependencyInjection
{
    /// <summary>The storage of one institution in the SQLite file at <paramref name="databasePath"/>.</summary>
    public static IServiceCollection AddLinkageStorage(this IServiceCollection services, string databasePath) =>
        services.AddLinkageStorage(new SqliteStorage(databasePath));

    /// <summary>The storage of one institution in <paramref name="database"/> (its SQLite file or its PostgreSQL schema).</summary>
    public static IServiceCollection AddLinkageStorage(this IServiceCollection services, StorageDatabase database)
    {
        // From a factory, so that the container disposes it (and a PostgreSQL data source closes its connections).
        services.AddSingleton(_ => database);
        services.AddPooledDbContextFactory<LinkageDbContext>(database.ConfigureContext);
        // Opened at start with the institution's key-encryption key; a tool or test may bring keys opened already.
        services.TryAddSingleton<InstitutionDataKeys>();
        services.AddSingleton<Domain.Keys.IInstitutionKeys>(provider => provider.GetRequiredService<InstitutionDataKeys>());
        services.AddSingleton<CopyPayloadCodec>();
        services.AddSingleton<ReadPool>();
        services.AddSingleton<PersonBySymbolReader>();
        services.AddSingleton<ISymbolStore, DbSymbolStore>();
        services.AddSingleton<CurrentCopyReader>();
        services.AddSingleton<ICopyStore, DbCopyStore>();
        if (database is SqliteStorage sqlite)
            services.AddSingleton<ICopyBatchStore>(provider => new SqliteCopyBatchStore(sqlite,
                provider.GetRequiredService<InstitutionScope>(), provider.GetRequiredService<CopyPayloadCodec>(),
                provider.GetRequiredService<TimeProvider>()));
        else services.AddSingleton<ICopyBatchStore, PostgreSql.PostgresCopyBatchStore>();
        services.AddSingleton<IRecordReader, DbRecordReader>();
        services.AddSingleton<Domain.Records.Disclosure.INonDisclosureMarks, DbNonDisclosureMarks>();
        services.AddSingleton<Domain.Statistics.IStatisticsReader, Statistics.DbStatisticsReader>();
        services.AddSingleton<PersistentReplayGuard>();
        services.AddSingleton<IPermitReplayGuard>(provider => provider.GetRequiredService<PersistentReplayGuard>());
        services.AddSingleton<PermittedListStore>();
        services.AddSingleton<Domain.Inquiries.IPendingInquiryStore, Inquiries.DbPendingInquiryStore>();
        services.AddSingleton<Domain.Review.IHeldResponseStore, Review.DbHeldResponseStore>();
        services.AddSingleton<Review.HeldAttachmentWriter>();
        services.AddSingleton<Domain.Review.IAnswerOutbox, Review.DbAnswerOutbox>();
        services.AddSingleton(provider => new GroupCommitRecordWriter(database, provider.GetRequiredService<InstitutionScope>(),
            provider.GetRequiredService<Review.HeldAttachmentWriter>(), provider.GetRequiredService<ILogger<GroupCommitRecordWriter>>()));
        services.AddSingleton<Domain.Review.HoldFlags.IHoldFlagStore, HoldFlags.DbHoldFlagStore>();
        services.AddSingleton<Tickets.TicketTextCodec>();
        services.AddSingleton<Domain.Tickets.ITicketStore, Tickets.DbTicketStore>();
        services.AddSingleton<IRecordWriter>(provider => provider.GetRequiredService<GroupCommitRecordWriter>());
        services.AddHostedService(provider => provider.GetRequiredService<GroupCommitRecordWriter>());
        services.AddSingleton<Domain.Staff.IRegistryStore, Staff.DbRegistryStore>();
        services.AddSingleton<Domain.Staff.ISessionStore, Staff.DbSessionStore>();
        services.AddSingleton<Domain.Staff.IOperationLogReader, Staff.DbOperationLogReader>();
        services.AddSingleton<Staff.OperationLogWriter>();
        services.AddSingleton<Domain.Staff.IOperationLog>(provider => provider.GetRequiredService<Staff.OperationLogWriter>());
        services.AddHostedService(provider => provider.GetRequiredService<Staff.OperationLogWriter>());
        services.AddSingleton<Domain.Chains.Checkpoints.ICheckpointStore, Checkpoints.DbCheckpointStore>();
        services.AddSingleton<Domain.Chains.Checkpoints.IChainAnchors, Checkpoints.DbChainAnchors>();
        services.AddSingleton<Checkpoints.SealedChains>();
        services.AddSingleton<Domain.Chains.Checkpoints.IKeptChains>(provider => provider.GetRequiredService<Checkpoints.SealedChains>());
        services.AddSingleton<Domain.Retention.IRetentionStore, Retention.DbRetentionStore>();
        if (database is PostgreSql.PostgresStorage server)
            services.AddSingleton<Leadership.ILeadership>(provider => new Leadership.PostgresLeadership(server,
                provider.GetRequiredService<InstitutionScope>(), provider.GetRequiredService<ILogger<Leadership.PostgresLeadership>>()));
        else services.AddSingleton<Leadership.ILeadership, Leadership.AlwaysLeader>();
        if (database is SqliteStorage file)
            services.AddHostedService(provider => new WalCheckpointer(file.ConnectionString, provider.GetRequiredService<ILogger<WalCheckpointer>>()));
        return services;
    }
}
