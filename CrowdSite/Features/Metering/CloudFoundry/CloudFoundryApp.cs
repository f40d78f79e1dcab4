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

internal sealed class CloudFoundryAppConfiguration : IEntityTypeConfiguration<CloudFoundryApp>
{
    public void Configure(EntityTypeBuilder<CloudFoundryApp> builder)
    {
        builder.HasKey(a => a.AppGuid);
        builder.Property(a => a.AppGuid).HasMaxLength(64);
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
