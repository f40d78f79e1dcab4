using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Alerts;

/// <summary>
/// What the watcher last saw of a project: the lowest threshold its runway is under (null: above them all) and
/// whether it was sustainable. A threshold alerts when it joins this state and rearms when it leaves it.
/// </summary>
public sealed class RunwayWatch
{
    public int ProjectId { get; init; }
    public int? Below { get; set; }
    public bool Sustainable { get; set; }
    public DateTime CheckedAt { get; set; }
}

internal sealed class RunwayWatchConfiguration : IEntityTypeConfiguration<RunwayWatch>
{
    public void Configure(EntityTypeBuilder<RunwayWatch> builder)
    {
        builder.HasKey(w => w.ProjectId);
        builder.HasOne<Project>().WithMany().HasForeignKey(w => w.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
