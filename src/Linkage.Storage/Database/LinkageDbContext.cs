using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Database;

/// <summary>The database of one institution.</summary>
public sealed class LinkageDbContext(DbContextOptions<LinkageDbContext> options) : DbContext(options)
{
    public DbSet<SymbolMappingRow> SymbolMappings => Set<SymbolMappingRow>();
    public DbSet<CopyRow> Copies => Set<CopyRow>();
    public DbSet<CopyBatchRow> CopyBatches => Set<CopyBatchRow>();
    public DbSet<ProvisionRecordRow> ProvisionRecords => Set<ProvisionRecordRow>();
    public DbSet<PermittedListRow> PermittedLists => Set<PermittedListRow>();
    public DbSet<PendingInquiryRow> PendingInquiries => Set<PendingInquiryRow>();
    public DbSet<HeldResponseRow> HeldResponses => Set<HeldResponseRow>();
    public DbSet<HeldDecisionRow> HeldDecisions => Set<HeldDecisionRow>();
    public DbSet<AnswerOutboxRow> AnswerOutbox => Set<AnswerOutboxRow>();
    public DbSet<StaffMemberRow> StaffMembers => Set<StaffMemberRow>();
    public DbSet<ConnectedSystemRow> ConnectedSystems => Set<ConnectedSystemRow>();
    public DbSet<CertificateBindingRow> CertificateBindings => Set<CertificateBindingRow>();
    public DbSet<StaffSessionRow> StaffSessions => Set<StaffSessionRow>();
    public DbSet<OperationLogRow> OperationLog => Set<OperationLogRow>();
    public DbSet<HoldFlagRow> HoldFlags => Set<HoldFlagRow>();
    public DbSet<CheckpointRow> Checkpoints => Set<CheckpointRow>();
    public DbSet<ChainAnchorRow> ChainAnchors => Set<ChainAnchorRow>();
    public DbSet<NonDisclosureMarkRow> NonDisclosureMarks => Set<NonDisclosureMarkRow>();
    public DbSet<TicketRow> Tickets => Set<TicketRow>();
    public DbSet<TicketStepRow> TicketSteps => Set<TicketStepRow>();
    public DbSet<UsedPermitRow> UsedPermits => Set<UsedPermitRow>();
    public DbSet<DataKeyRow> DataKeys => Set<DataKeyRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LinkageDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        // Stored as UTC ticks so that SQLite can compare and order them.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
}
