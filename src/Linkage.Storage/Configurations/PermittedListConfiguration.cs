using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class PermittedListConfiguration : IEntityTypeConfiguration<PermittedListRow>
{
    public void Configure(EntityTypeBuilder<PermittedListRow> builder)
    {
        builder.ToTable("PermittedLists");
        builder.HasKey(l => l.InstitutionCode);
    }
}
