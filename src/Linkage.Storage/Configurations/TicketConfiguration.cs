using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class TicketConfiguration : IEntityTypeConfiguration<TicketRow>
{
    public void Configure(EntityTypeBuilder<TicketRow> builder)
    {
        builder.ToTable("Tickets");
        builder.HasKey(t => t.TicketId);
        builder.Property(t => t.TicketId).HasMaxLength(32);
        builder.Property(t => t.InternalAddressNumber).HasMaxLength(15);
        // The listing in its order (overdue first is computed from the due date as of a day, then oldest first); a
        // municipality receives a few hundred requests a year, so the open ones are read in receipt order and sorted.
        builder.HasIndex(t => new { t.ClosedAt, t.ReceivedAt, t.TicketId });
        // The tickets of one person: has this person asked before?
        builder.HasIndex(t => new { t.InternalAddressNumber, t.ReceivedAt });
    }
}
