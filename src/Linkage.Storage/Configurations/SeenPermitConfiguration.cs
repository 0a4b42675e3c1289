using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class SeenPermitConfiguration : IEntityTypeConfiguration<SeenPermitRow>
{
    public void Configure(EntityTypeBuilder<SeenPermitRow> builder)
    {
        builder.ToTable("SeenPermits");
        builder.HasKey(p => p.PermitId);
        builder.HasIndex(p => p.ExpiresAtMs);
    }
}
