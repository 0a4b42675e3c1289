using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class OperationLogConfiguration : IEntityTypeConfiguration<OperationLogRow>
{
    public void Configure(EntityTypeBuilder<OperationLogRow> builder)
    {
        builder.ToTable("OperationLog");
        // One chain per gateway node in the one table, as the provision records.
        builder.HasKey(o => new { o.Node, o.Sequence });
        builder.Property(o => o.Node).HasMaxLength(32);
        builder.Property(o => o.Sequence).ValueGeneratedNever();
        // The auditors' filters by actor and by period. Every index is written on every staff call, so the RPC filter
        // has none: it runs within the actor's or the period's rows, or scans in sequence order page by page.
        builder.HasIndex(o => new { o.ActorId, o.Node, o.Sequence });
        builder.HasIndex(o => o.AtMs);
    }
}
