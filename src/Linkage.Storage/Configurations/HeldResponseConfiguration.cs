using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class HeldResponseConfiguration : IEntityTypeConfiguration<HeldResponseRow>
{
    public void Configure(EntityTypeBuilder<HeldResponseRow> builder)
    {
        builder.ToTable("HeldResponses");
        builder.HasKey(h => h.PermitId);
        builder.Property(h => h.PermitId).HasMaxLength(64);
        builder.Property(h => h.InquiryId).HasMaxLength(64);
        // The review list in its order: escalated first, then oldest first, the permit id breaking ties (the page token).
        // The state filter is checked on the way; most rows of a long list are undecided.
        builder.HasIndex(h => new { h.Escalated, h.ReceivedAt, h.PermitId }).IsDescending(true, false, false);
        // The escalation job: not yet escalated ones by deadline. No index leads with the state: the planner would take it
        // for the list's state filter and sort the whole table instead of walking the list's own order.
        builder.HasIndex(h => new { h.Escalated, h.Deadline });
    }
}
