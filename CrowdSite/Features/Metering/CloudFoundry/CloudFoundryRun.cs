using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>An open usage interval: a process (or task) running with these instances and memory since <see cref="StartedAt"/>.</summary>
public sealed class CloudFoundryRun
{
    /// <summary>The process GUID, or the task GUID for task events.</summary>
    public required string Key { get; init; }
    public int ProjectId { get; set; }
    public DateTime StartedAt { get; set; }
    public long Instances { get; set; }
    public long MemoryMb { get; set; }
}

internal sealed class CloudFoundryRunConfiguration : IEntityTypeConfiguration<CloudFoundryRun>
{
    public void Configure(EntityTypeBuilder<CloudFoundryRun> builder)
    {
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(64);
    }
}
