using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>A Cloud Foundry app whose usage is billed to a project (set by the platform's operator).</summary>
public sealed class CloudFoundryApp
{
    public required string AppGuid { get; init; }
    public int ProjectId { get; init; }
}

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

/// <summary>An event already imported: re-importing a page adds nothing.</summary>
public sealed class CloudFoundryEvent
{
    public required string Guid { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ImportedAt { get; init; }
}

internal sealed class CloudFoundryConfiguration :
    IEntityTypeConfiguration<CloudFoundryApp>, IEntityTypeConfiguration<CloudFoundryRun>, IEntityTypeConfiguration<CloudFoundryEvent>
{
    public void Configure(EntityTypeBuilder<CloudFoundryApp> builder)
    {
        builder.HasKey(a => a.AppGuid);
        builder.Property(a => a.AppGuid).HasMaxLength(64);
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CloudFoundryRun> builder)
    {
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<CloudFoundryEvent> builder)
    {
        builder.HasKey(e => e.Guid);
        builder.Property(e => e.Guid).HasMaxLength(64);
        builder.HasIndex(e => e.CreatedAt);
    }
}
