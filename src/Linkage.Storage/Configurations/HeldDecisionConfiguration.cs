using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class HeldDecisionConfiguration : IEntityTypeConfiguration<HeldDecisionRow>
{
    public void Configure(EntityTypeBuilder<HeldDecisionRow> builder)
    {
        builder.ToTable("HeldDecisions");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.PermitId, d.Id });
    }
}
