using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class ConnectedSystemConfiguration : IEntityTypeConfiguration<ConnectedSystemRow>
{
    public void Configure(EntityTypeBuilder<ConnectedSystemRow> builder)
    {
        builder.ToTable("ConnectedSystems");
        builder.HasKey(s => s.SystemId);
        builder.Property(s => s.SystemId).HasMaxLength(32);
        builder.Property(s => s.InstitutionCode).HasMaxLength(16);
    }
}
