using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMemberRow>
{
    public void Configure(EntityTypeBuilder<StaffMemberRow> builder)
    {
        builder.ToTable("StaffMembers");
        builder.HasKey(s => s.StaffId);
        builder.Property(s => s.StaffId).HasMaxLength(32);
        builder.Property(s => s.InstitutionCode).HasMaxLength(16);
    }
}
