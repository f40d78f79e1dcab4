using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Ledger;

/// <summary>A set of entries that sums to zero, written once and never changed.</summary>
public sealed class LedgerTransaction
{
    public long Id { get; init; }
    public required string IdempotencyKey { get; init; }
    public required LedgerKind Kind { get; init; }
    public required DateTime At { get; init; }
    public required string Currency { get; init; }
    public required string Description { get; init; }
    public int? ProjectId { get; init; }
    public int? CommitId { get; init; }
    public Commit? Commit { get; init; }

    /// <summary>For a charge: what it paid for (compute, memory, …).</summary>
    public string? Resource { get; init; }

    /// <summary>True for a monthly pledge's payment: the donation rate counts the pledge, not the payment.</summary>
    public bool Recurring { get; init; }
    public long? ReversesTransactionId { get; init; }
    public List<LedgerEntry> Entries { get; init; } = [];
}

internal sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransaction>
{
    public void Configure(EntityTypeBuilder<LedgerTransaction> builder)
    {
        builder.ToTable("LedgerTransactions");
        builder.Property(t => t.IdempotencyKey).HasMaxLength(200);
        builder.HasIndex(t => t.IdempotencyKey).IsUnique();
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.Description).HasMaxLength(500);
        builder.Property(t => t.Resource).HasMaxLength(32);
        // Only reversals are looked up by what they reverse: the index skips the other rows (and their insert cost).
        builder.HasIndex(t => t.ReversesTransactionId).HasFilter("\"ReversesTransactionId\" IS NOT NULL");
        builder.HasIndex(t => new { t.ProjectId, t.At });
        // A day of the books, whatever its projects: what the daily seal reads (Seals/BookSeals).
        builder.HasIndex(t => t.At);
        builder.HasOne(t => t.Commit).WithMany().HasForeignKey(t => t.CommitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerTransaction>().WithMany().HasForeignKey(t => t.ReversesTransactionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Entries).WithOne().HasForeignKey(e => e.TransactionId).OnDelete(DeleteBehavior.Restrict);
    }
}
