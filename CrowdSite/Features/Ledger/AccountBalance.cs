using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Ledger;

// Derived caches maintained by LedgerService in the same database transaction as the entries
// they summarize, so every figure costs a bounded read whatever the length of the history.
// They are not the source of truth: /api/v1/books recomputes balances from the entries and compares.

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
