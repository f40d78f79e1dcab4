using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Metering;

/// <summary>
/// A project's usage on one UTC day, as the platform reports it (issue 14, item 2): usage, not money, so a later report for the
/// same day replaces the earlier one. <see cref="ActiveUsers"/> is the app's 30-day active users as of that day (what analytics
/// call monthly active users: daily counts cannot be added up into people); <see cref="Requests"/> that day's requests.
/// </summary>
public sealed class ProjectMetric
{
    public long Id { get; init; }
    public int ProjectId { get; init; }
    public DateOnly Day { get; init; }
    public long ActiveUsers { get; set; }
    public long Requests { get; set; }
    public DateTime ReportedAt { get; set; }
}

internal sealed class ProjectMetricConfiguration : IEntityTypeConfiguration<ProjectMetric>
{
    public void Configure(EntityTypeBuilder<ProjectMetric> builder)
    {
        builder.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ProjectId, m.Day }).IsUnique();
    }
}
