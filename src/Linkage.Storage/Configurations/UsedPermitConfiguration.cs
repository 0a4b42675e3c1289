using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class UsedPermitConfiguration : IEntityTypeConfiguration<UsedPermitRow>
{
    public void Configure(EntityTypeBuilder<UsedPermitRow> builder)
    {
        builder.ToTable("UsedPermits");
        builder.HasKey(p => p.PermitId);
        // The purge deletes by expiry.
        builder.HasIndex(p => p.ExpiresAtMs);
    }
}
