using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Donations;

/// <summary>A monthly donation commitment; active pledges make up the recurring part of the donation rate.</summary>
public sealed class Pledge
{
    public int Id { get; init; }
    public int ProjectId { get; init; }
    public string? DonorId { get; init; }
    public long MonthlyAmount { get; init; }
    public required string Currency { get; init; }
    public string? PublicName { get; set; }
    public DonorVisibility Visibility { get; set; }
    public PledgeStatus Status { get; set; }
    public DateTime StartedAt { get; init; }
    public DateTime? EndedAt { get; set; }
    public string? StripeSubscriptionId { get; set; }

    /// <summary>Stripe's customer, for the customer portal where a live pledge is managed.</summary>
    public string? StripeCustomerId { get; init; }
    public bool Simulated { get; init; }

    /// <summary>Whether each payment sends the pot its share, and of which gift (before any fee cover).</summary>
    public bool PotOptIn { get; init; }
    public long Gift { get; init; }
}

internal sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> builder)
    {
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.DonorId).HasMaxLength(100);
        builder.Property(p => p.PublicName).HasMaxLength(100);
        builder.Property(p => p.StripeSubscriptionId).HasMaxLength(255);
        builder.Property(p => p.StripeCustomerId).HasMaxLength(255);
        builder.HasIndex(p => p.StripeSubscriptionId).IsUnique();
        builder.HasIndex(p => new { p.ProjectId, p.Status });
        builder.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
