using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class OperationLogConfiguration : IEntityTypeConfiguration<OperationLogRow>
{
    public void Configure(EntityTypeBuilder<OperationLogRow> builder)
    {
        builder.ToTable("OperationLog");
        builder.HasKey(o => o.Sequence);
        builder.Property(o => o.Sequence).ValueGeneratedNever();
        // The auditors' filters: by actor, by period, by RPC, each in sequence order.
        builder.HasIndex(o => new { o.ActorId, o.Sequence });
        builder.HasIndex(o => o.AtMs);
        builder.HasIndex(o => new { o.Rpc, o.Sequence });
    }
}
