using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class ProvisionRecordConfiguration : IEntityTypeConfiguration<ProvisionRecordRow>
{
    public void Configure(EntityTypeBuilder<ProvisionRecordRow> builder)
    {
        builder.ToTable("ProvisionRecords");
        // One chain per gateway node in the one table: a record is named by its node and its place in that node's chain.
        builder.HasKey(r => new { r.Node, r.Sequence });
        builder.Property(r => r.Node).HasMaxLength(32);
        builder.Property(r => r.Sequence).ValueGeneratedNever();
        builder.Property(r => r.InstitutionCode).HasMaxLength(16);
        builder.HasIndex(r => new { r.InstitutionCode, r.InternalAddressNumber });
        // Statistics count a period's exchanges: without this they read seven years of records for one month.
        builder.HasIndex(r => new { r.InstitutionCode, r.RecordedAtMs });
    }
}
