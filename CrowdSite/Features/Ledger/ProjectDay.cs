using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Ledger;

// A derived cache like AccountBalance: kept with the entries it sums, not the source of truth.

/// <summary>One project's day of money by bucket; <see cref="Net"/> is the day's change of balance.</summary>
public sealed class ProjectDay : IMoneyBuckets
{
    public int ProjectId { get; init; }
    public DateOnly Day { get; init; }
    public long Donated { get; set; }

    /// <summary>Donations outside monthly pledges (pledges count in the donation rate by their monthly amount).</summary>
    public long OneTimeDonated { get; set; }
    public long Fees { get; set; }
    public long PotContributed { get; set; }
    public long Charged { get; set; }
    public long Granted { get; set; }
    public long Refunded { get; set; }
    public long Net { get; set; }
}

internal sealed class ProjectDayConfiguration : IEntityTypeConfiguration<ProjectDay>
{
    public void Configure(EntityTypeBuilder<ProjectDay> builder) => builder.HasKey(d => new { d.ProjectId, d.Day });
}
