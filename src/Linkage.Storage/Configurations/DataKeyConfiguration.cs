using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class DataKeyConfiguration : IEntityTypeConfiguration<DataKeyRow>
{
    public void Configure(EntityTypeBuilder<DataKeyRow> builder)
    {
        builder.ToTable("DataKeys");
        builder.HasKey(k => new { k.InstitutionCode, k.KeyId });
        builder.Property(k => k.InstitutionCode).HasMaxLength(16);
        builder.Property(k => k.KeyId).HasMaxLength(32);
        // Two nodes making an institution's first key (or two rotations) at once collide here, and one of them wins.
        builder.HasIndex(k => new { k.InstitutionCode, k.Generation }).IsUnique();
    }
}
