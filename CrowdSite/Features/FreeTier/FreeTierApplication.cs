using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.FreeTier;

/// <summary>A maintainer's request to move their project to the free tier, and the operator's decision with its reason.</summary>
public sealed class FreeTierApplication
{
    public int Id { get; init; }
    public int ProjectId { get; init; }
    public required string Reason { get; init; }
    public required string ApplicantId { get; init; }
    public ApplicationStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? DecidedAt { get; set; }
}

internal sealed class FreeTierApplicationConfiguration : IEntityTypeConfiguration<FreeTierApplication>
{
    public void Configure(EntityTypeBuilder<FreeTierApplication> builder)
    {
        builder.Property(a => a.Reason).HasMaxLength(1_000);
        builder.Property(a => a.ApplicantId).HasMaxLength(32);
        builder.Property(a => a.DecisionReason).HasMaxLength(1_000);
        builder.Property(a => a.DecidedBy).HasMaxLength(32);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(a => new { a.Status, a.CreatedAt });
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
