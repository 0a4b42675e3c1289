using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class CertificateBindingConfiguration : IEntityTypeConfiguration<CertificateBindingRow>
{
    public void Configure(EntityTypeBuilder<CertificateBindingRow> builder)
    {
        builder.ToTable("CertificateBindings");
        // One row per certificate ever bound: a certificate stands for one person or system, once.
        builder.HasKey(b => b.Thumbprint);
        builder.Property(b => b.Thumbprint).HasMaxLength(64);
        builder.HasIndex(b => new { b.OwnerKind, b.OwnerId });
    }
}
