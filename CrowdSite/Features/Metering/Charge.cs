using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Metering;

/// <summary>A compute cost reported by the platform's metering, tied to the commit that was running.</summary>
public sealed class Charge
{
    public int Id { get; init; }

    /// <summary>The metering system's id for this charge: the idempotency key of its ingest.</summary>
    public required string SourceId { get; init; }
    public int ProjectId { get; init; }
    public int CommitId { get; init; }
    public Commit? Commit { get; init; }
    public required string Resource { get; init; }

    /// <summary>How much was used, in <see cref="Unit"/> (not money, so a double is fine).</summary>
    public double Quantity { get; init; }
    public required string Unit { get; init; }
    public long Amount { get; init; }

    /// <summary>The rate the amount was computed at, in millionths of a minor unit per <see cref="Unit"/>, when the metering says.</summary>
    public long? UnitPriceMicros { get; init; }
    public required string Currency { get; init; }
    public DateTime PeriodStart { get; init; }
    public DateTime PeriodEnd { get; init; }
    public long LedgerTransactionId { get; init; }
    public LedgerTransaction? LedgerTransaction { get; set; }

    public static readonly IReadOnlyList<string> Resources = ["compute", "memory", "storage", "bandwidth", "database"];
}

internal sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>
{
    public void Configure(EntityTypeBuilder<Charge> builder)
    {
        builder.Property(c => c.SourceId).HasMaxLength(200);
        builder.HasIndex(c => c.SourceId).IsUnique();
        builder.Property(c => c.Resource).HasMaxLength(32);
        builder.Property(c => c.Unit).HasMaxLength(32);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Commit).WithMany().HasForeignKey(c => c.CommitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.LedgerTransaction).WithOne().HasForeignKey<Charge>(c => c.LedgerTransactionId).OnDelete(DeleteBehavior.Restrict);
        // The project page's recent charges: newest ids of one project, without sorting its history.
        builder.HasIndex(c => new { c.ProjectId, c.Id });
    }
}
