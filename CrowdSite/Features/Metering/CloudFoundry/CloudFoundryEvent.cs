using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>An event already imported: re-importing a page adds nothing.</summary>
public sealed class CloudFoundryEvent
{
    public required string Guid { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ImportedAt { get; init; }
}

internal sealed class CloudFoundryEventConfiguration : IEntityTypeConfiguration<CloudFoundryEvent>
{
    public void Configure(EntityTypeBuilder<CloudFoundryEvent> builder)
    {
        builder.HasKey(e => e.Guid);
        builder.Property(e => e.Guid).HasMaxLength(64);
        builder.HasIndex(e => e.CreatedAt);
    }
}
