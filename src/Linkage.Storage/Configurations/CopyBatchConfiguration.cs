using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class CopyBatchConfiguration : IEntityTypeConfiguration<CopyBatchRow>
{
    public void Configure(EntityTypeBuilder<CopyBatchRow> builder)
    {
        builder.ToTable("CopyBatches");
        builder.HasKey(b => b.Number);
        builder.Property(b => b.Number).ValueGeneratedOnAdd();
        builder.Property(b => b.InstitutionCode).HasMaxLength(16);
        builder.Property(b => b.BatchId).HasMaxLength(64);
        // A resend is recognised by its batch id within the institution.
        builder.HasIndex(b => new { b.InstitutionCode, b.BatchId }).IsUnique();
    }
}
