using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSessionRow>
{
    public void Configure(EntityTypeBuilder<StaffSessionRow> builder)
    {
        builder.ToTable("StaffSessions");
        builder.HasKey(s => s.SessionId);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.EndedAt);
    }
}
