using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class ChainAnchorConfiguration : IEntityTypeConfiguration<ChainAnchorRow>
{
    public void Configure(EntityTypeBuilder<ChainAnchorRow> builder)
    {
        builder.ToTable("ChainAnchors");
        builder.HasKey(a => a.ChainId);
    }
}
