using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class CopyConfiguration : IEntityTypeConfiguration<CopyRow>
{
    public void Configure(EntityTypeBuilder<CopyRow> builder)
    {
        builder.ToTable("Copies");
        builder.Property(c => c.InstitutionCode).HasMaxLength(16);
        builder.Property(c => c.InternalAddressNumber).HasMaxLength(15);
        builder.Property(c => c.InformationNameCode).HasMaxLength(16);
        builder.Property(c => c.RecordKey).HasMaxLength(64);
        builder.Property(c => c.KeyId).HasMaxLength(64);
        builder.HasIndex(c => new { c.InstitutionCode, c.InternalAddressNumber, c.InformationNameCode, c.RecordKey, c.Version }).IsUnique();
        // The look-up of an inquiry: a B-tree seek, so its cost does not grow with the number of copies held.
        builder.HasIndex(c => new { c.InstitutionCode, c.InternalAddressNumber, c.InformationNameCode, c.IsCurrent });
    }
}
