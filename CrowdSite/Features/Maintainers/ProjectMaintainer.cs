using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Maintainers;

/// <summary>A person (by GitHub user id) who may edit a project's page and post its updates.</summary>
public sealed class ProjectMaintainer
{
    public int ProjectId { get; init; }
    public required string GitHubUserId { get; init; }
    public DateTime AddedAt { get; init; }
}

internal sealed class ProjectMaintainerConfiguration : IEntityTypeConfiguration<ProjectMaintainer>
{
    public void Configure(EntityTypeBuilder<ProjectMaintainer> builder)
    {
        builder.HasKey(m => new { m.ProjectId, m.GitHubUserId });
        builder.Property(m => m.GitHubUserId).HasMaxLength(32);
        builder.HasIndex(m => m.GitHubUserId);
        builder.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
