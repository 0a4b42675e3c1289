using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class PendingInquiryConfiguration : IEntityTypeConfiguration<PendingInquiryRow>
{
    public void Configure(EntityTypeBuilder<PendingInquiryRow> builder)
    {
        builder.ToTable("PendingInquiries");
        builder.HasKey(p => p.InquiryId);
        builder.Property(p => p.InquiryId).HasMaxLength(64);
        builder.HasIndex(p => new { p.InstitutionCode, p.AnsweredAt, p.PickedUpAt });
    }
}
