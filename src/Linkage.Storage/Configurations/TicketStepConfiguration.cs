using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class TicketStepConfiguration : IEntityTypeConfiguration<TicketStepRow>
{
    public void Configure(EntityTypeBuilder<TicketStepRow> builder)
    {
        builder.ToTable("TicketSteps");
        // The number is unique within its ticket: two steps racing to the same ticket cannot both take it.
        builder.HasKey(s => new { s.TicketId, s.Number });
        builder.Property(s => s.TicketId).HasMaxLength(32);
        builder.HasOne<TicketRow>().WithMany().HasForeignKey(s => s.TicketId).OnDelete(DeleteBehavior.Restrict);
    }
}
