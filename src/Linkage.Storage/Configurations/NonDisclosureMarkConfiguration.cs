using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class NonDisclosureMarkConfiguration : IEntityTypeConfiguration<NonDisclosureMarkRow>
{
    public void Configure(EntityTypeBuilder<NonDisclosureMarkRow> builder)
    {
        builder.ToTable("NonDisclosureMarks");
        // One mark per record: the node and sequence of the provision record it leaves out.
        builder.HasKey(m => new { m.Node, m.Sequence });
        builder.Property(m => m.Node).HasMaxLength(32);
        builder.Property(m => m.Sequence).ValueGeneratedNever();
    }
}
