using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class AnswerOutboxConfiguration : IEntityTypeConfiguration<AnswerOutboxRow>
{
    public void Configure(EntityTypeBuilder<AnswerOutboxRow> builder)
    {
        builder.ToTable("AnswerOutbox");
        // One answer per held response: a second decision cannot add a second delivery.
        builder.HasKey(o => o.PermitId);
        builder.Property(o => o.PermitId).HasMaxLength(64);
        builder.HasIndex(o => new { o.State, o.CreatedAt });
    }
}
