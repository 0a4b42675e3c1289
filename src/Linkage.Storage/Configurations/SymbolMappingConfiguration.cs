using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class SymbolMappingConfiguration : IEntityTypeConfiguration<SymbolMappingRow>
{
    public void Configure(EntityTypeBuilder<SymbolMappingRow> builder)
    {
        builder.ToTable("SymbolMappings");
        builder.Property(m => m.InstitutionCode).HasMaxLength(16);
        builder.Property(m => m.InternalAddressNumber).HasMaxLength(15);
        builder.Property(m => m.Symbol).HasMaxLength(64);
        // Unique both ways: one symbol per person and one person per symbol, within an institution.
        builder.HasIndex(m => new { m.InstitutionCode, m.InternalAddressNumber }).IsUnique();
        builder.HasIndex(m => new { m.InstitutionCode, m.Symbol }).IsUnique();
    }
}
