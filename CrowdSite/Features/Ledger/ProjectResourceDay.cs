using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Ledger;

// A derived cache like AccountBalance: kept with the entries it sums, not the source of truth.

/// <summary>Compute charges of one project's day by resource (for the stacked cost chart).</summary>
public sealed class ProjectResourceDay
{
    public int ProjectId { get; init; }
    public DateOnly Day { get; init; }
    public required string Resource { get; init; }
    public long Charged { get; set; }
}

internal sealed class ProjectResourceDayConfiguration : IEntityTypeConfiguration<ProjectResourceDay>
{
    public void Configure(EntityTypeBuilder<ProjectResourceDay> builder)
    {
        builder.HasKey(d => new { d.ProjectId, d.Day, d.Resource });
        builder.Property(d => d.Resource).HasMaxLength(32);
    }
}
