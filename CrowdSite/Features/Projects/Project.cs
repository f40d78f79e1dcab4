using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Projects;

/// <summary>A hosted open-source app, bound to exactly one public GitHub repository.</summary>
public sealed class Project
{
    public int Id { get; init; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Tagline { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>"owner/name" on GitHub.</summary>
    public required string Repository { get; set; }
    public long? GitHubRepositoryId { get; set; }
    public string Category { get; set; } = "Other";
    public ProjectStatus Status { get; set; } = ProjectStatus.Active;
    public required string Currency { get; init; }
    public string? WebsiteUrl { get; set; }
    public string? LogoUrl { get; set; }
    public DateTime CreatedAt { get; init; }

    /// <summary>The most the free-tier pot pays this project a month (minor units); null: the default cap.</summary>
    public long? FreeTierMonthlyCap { get; set; }

    /// <summary>Changes on every save of the page: an application-managed concurrency token (SQLite has no row version).</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public string RepositoryUrl => $"https://github.com/{Repository}";
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Slug).HasMaxLength(64);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Tagline).HasMaxLength(200);
        builder.Property(p => p.Repository).HasMaxLength(140);
        builder.HasIndex(p => p.Repository).IsUnique();
        builder.Property(p => p.Category).HasMaxLength(50);
        builder.HasIndex(p => p.Category);
        builder.HasIndex(p => p.Status);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.WebsiteUrl).HasMaxLength(500);
        builder.Property(p => p.LogoUrl).HasMaxLength(500);
        builder.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
    }
}
