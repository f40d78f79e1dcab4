using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Projects;

/// <summary>Which commit of a project was running from <see cref="StartedAt"/> until <see cref="EndedAt"/>.</summary>
public sealed class Deployment
{
    public int Id { get; init; }
    public int ProjectId { get; init; }
    public int CommitId { get; init; }
    public Commit? Commit { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime? EndedAt { get; set; }
}

internal sealed class DeploymentConfiguration : IEntityTypeConfiguration<Deployment>
{
    public void Configure(EntityTypeBuilder<Deployment> builder)
    {
        builder.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Commit).WithMany().HasForeignKey(d => d.CommitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.ProjectId, d.StartedAt });
    }
}
