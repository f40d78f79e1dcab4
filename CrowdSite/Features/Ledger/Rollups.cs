using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Ledger;

// Derived caches maintained by LedgerService in the same database transaction as the entries
// they summarize, so every figure costs a bounded read whatever the length of the history.
// They are not the source of truth: /api/v1/books recomputes balances from the entries and compares.

/// <summary>
/// Sums of a project's entries by what they count as, signed from the project's view (fees and
/// charges are negative). Reversals count in the bucket of what they reverse; refunds have their own.
/// </summary>
public interface IMoneyBuckets
{
    long Donated { get; set; }
    long Fees { get; set; }
    long PotContributed { get; set; }
    long Charged { get; set; }
    long Granted { get; set; }
    long Refunded { get; set; }
}

internal static class MoneyBuckets
{
    public static void Add(IMoneyBuckets buckets, LedgerKind countsAs, long amount)
    {
        switch (countsAs)
        {
            case LedgerKind.Donation: buckets.Donated += amount; break;
            case LedgerKind.Fee: buckets.Fees += amount; break;
            case LedgerKind.PotContribution: buckets.PotContributed += amount; break;
            case LedgerKind.Charge: buckets.Charged += amount; break;
            case LedgerKind.Grant: buckets.Granted += amount; break;
            case LedgerKind.Refund: buckets.Refunded += amount; break;
        }
    }
}

/// <summary>An account's balance, and for a project account its lifetime totals.</summary>
public sealed class AccountBalance : IMoneyBuckets
{
    public required string Account { get; init; }
    public int? ProjectId { get; init; }
    public required string Currency { get; init; }
    public long Balance { get; set; }
    public int EntryCount { get; set; }
    public long Donated { get; set; }
    public long Fees { get; set; }
    public long PotContributed { get; set; }
    public long Charged { get; set; }
    public long Granted { get; set; }
    public long Refunded { get; set; }
}

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

/// <summary>Compute charges of one project's day by resource (for the stacked cost chart).</summary>
public sealed class ProjectResourceDay
{
    public int ProjectId { get; init; }
    public DateOnly Day { get; init; }
    public required string Resource { get; init; }
    public long Charged { get; set; }
}

internal sealed class AccountBalanceConfiguration : IEntityTypeConfiguration<AccountBalance>
{
    public void Configure(EntityTypeBuilder<AccountBalance> builder)
    {
        builder.HasKey(b => b.Account);
        builder.Property(b => b.Account).HasMaxLength(64);
        builder.Property(b => b.Currency).HasMaxLength(3);
        builder.HasIndex(b => b.ProjectId);
    }
}

internal sealed class ProjectDayConfiguration : IEntityTypeConfiguration<ProjectDay>
{
    public void Configure(EntityTypeBuilder<ProjectDay> builder) => builder.HasKey(d => new { d.ProjectId, d.Day });
}

internal sealed class ProjectResourceDayConfiguration : IEntityTypeConfiguration<ProjectResourceDay>
{
    public void Configure(EntityTypeBuilder<ProjectResourceDay> builder)
    {
        builder.HasKey(d => new { d.ProjectId, d.Day, d.Resource });
        builder.Property(d => d.Resource).HasMaxLength(32);
    }
}
