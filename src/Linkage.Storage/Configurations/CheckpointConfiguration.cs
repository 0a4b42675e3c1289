using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkage.Storage.Configurations;

public sealed class CheckpointConfiguration : IEntityTypeConfiguration<CheckpointRow>
{
    public void Configure(EntityTypeBuilder<CheckpointRow> builder)
    {
        builder.ToTable("Checkpoints");
        builder.HasKey(c => new { c.ChainId, c.Sequence });
        // The witness job asks for the few checkpoints still waiting for the hub.
        builder.HasIndex(c => new { c.ChainId, c.Sequence }).HasFilter("\"WitnessSignature\" IS NULL").HasDatabaseName("IX_Checkpoints_Unwitnessed");
    }
}
