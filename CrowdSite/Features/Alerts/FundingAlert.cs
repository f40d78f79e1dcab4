using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Alerts;

/// <summary>A crossing of a project's runway, recorded once when the watcher sees it; public (the feed carries it).</summary>
public sealed class FundingAlert
{
    public int Id { get; init; }
    public int ProjectId { get; init; }
    public FundingAlertKind Kind { get; init; }

    /// <summary>The threshold crossed downwards (60, 30 or 7 days); null for <see cref="FundingAlertKind.Sustainable"/>.</summary>
    public int? Threshold { get; init; }

    /// <summary>The runway when the crossing was seen; null when sustainable.</summary>
    public int? RunwayDays { get; init; }

    public DateTime At { get; init; }
}

internal sealed class FundingAlertConfiguration : IEntityTypeConfiguration<FundingAlert>
{
    public void Configure(EntityTypeBuilder<FundingAlert> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(a => new { a.ProjectId, a.At });
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
