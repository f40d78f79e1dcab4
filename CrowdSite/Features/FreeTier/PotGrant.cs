using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.FreeTier;

/// <summary>What the pot paid a free-tier project for a month, and what the project was owed (its charges up to its cap).</summary>
public sealed class PotGrant
{
    public int Id { get; init; }

    /// <summary>The first day of the month the grant is for.</summary>
    public DateOnly Month { get; init; }
    public int ProjectId { get; init; }
    public long Charged { get; init; }
    public long Owed { get; init; }
    public long Granted { get; init; }
    public required string Currency { get; init; }
    public long LedgerTransactionId { get; init; }
    public LedgerTransaction? LedgerTransaction { get; set; }
}

internal sealed class PotGrantConfiguration : IEntityTypeConfiguration<PotGrant>
{
    public void Configure(EntityTypeBuilder<PotGrant> builder)
    {
        builder.Property(g => g.Currency).HasMaxLength(3);
        builder.HasIndex(g => new { g.Month, g.ProjectId }).IsUnique();
        builder.HasOne<Project>().WithMany().HasForeignKey(g => g.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.LedgerTransaction).WithOne().HasForeignKey<PotGrant>(g => g.LedgerTransactionId).OnDelete(DeleteBehavior.Restrict);
    }
}
