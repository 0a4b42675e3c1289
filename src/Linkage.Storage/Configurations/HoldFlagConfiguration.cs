using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class HoldFlagConfiguration : IEntityTypeConfiguration<HoldFlagRow>
{
    public void Configure(EntityTypeBuilder<HoldFlagRow> builder)
    {
        builder.ToTable("HoldFlags");
        builder.HasKey(f => f.Sequence);
        builder.Property(f => f.Sequence).ValueGeneratedOnAdd();
        builder.Property(f => f.FlagId).HasMaxLength(32);
        builder.HasIndex(f => f.FlagId).IsUnique();
        builder.Property(f => f.InternalAddressNumber).HasMaxLength(15);
        builder.Property(f => f.InformationNameCode).HasMaxLength(16);
        // The listings: the flags in force (and the load at start), those of one person, those of one information name,
        // each in the order they were set so that a page continues after its token.
        builder.HasIndex(f => new { f.ClearedAt, f.Sequence });
        builder.HasIndex(f => new { f.InternalAddressNumber, f.Sequence });
        builder.HasIndex(f => new { f.InformationNameCode, f.Sequence });
    }
}
