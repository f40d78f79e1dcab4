using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Ledger;

/// <summary>
/// One line of the double-entry ledger. Positive amounts increase the account.
/// <see cref="BalanceAfter"/> is the account's running balance once this entry is applied,
/// fixed at write time so a page of the ledger never needs the history before it.
/// </summary>
public sealed class LedgerEntry
{
    public long Id { get; init; }
    public long TransactionId { get; init; }
    public required string Account { get; init; }
    public int? ProjectId { get; init; }
    public required LedgerKind Kind { get; init; }

    /// <summary>The total this entry counts in: its own kind, or for a reversal the kind of what it reverses.</summary>
    public required LedgerKind CountsAs { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTime At { get; init; }
    public long BalanceAfter { get; init; }
    public long? ReversesEntryId { get; init; }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("LedgerEntries");
        builder.Property(e => e.Account).HasMaxLength(64);
        builder.Property(e => e.Currency).HasMaxLength(3);
        // A project's ledger page: its entries by id (= posting order), optionally by time.
        builder.HasIndex(e => new { e.Account, e.Id });
        builder.HasIndex(e => new { e.Account, e.At });
        builder.HasIndex(e => e.ReversesEntryId).HasFilter("\"ReversesEntryId\" IS NOT NULL");
    }
}
