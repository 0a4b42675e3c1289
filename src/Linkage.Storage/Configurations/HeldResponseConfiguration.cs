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
        // Review lists the undecided ones, oldest deadline first.
        builder.HasIndex(h => new { h.InstitutionCode, h.DecidedAt, h.Deadline });
    }
}
