using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Maintainers;

/// <summary>News from a project's maintainers, in Markdown (rendered safely wherever it is shown).</summary>
public sealed class ProjectUpdate
{
    public int Id { get; init; }
    public int ProjectId { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public DateTime PublishedAt { get; init; }
}

internal sealed class ProjectUpdateConfiguration : IEntityTypeConfiguration<ProjectUpdate>
{
    public void Configure(EntityTypeBuilder<ProjectUpdate> builder)
    {
        builder.Property(u => u.Title).HasMaxLength(200);
        builder.Property(u => u.Body).HasMaxLength(20_000);
        builder.Property(u => u.AuthorId).HasMaxLength(32);
        builder.Property(u => u.AuthorName).HasMaxLength(100);
        builder.HasIndex(u => new { u.ProjectId, u.PublishedAt });
        builder.HasOne<Project>().WithMany().HasForeignKey(u => u.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
