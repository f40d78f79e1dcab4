using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Donations;

/// <summary>
/// A donor's validated wish to give, waiting for the payment to complete. Its id travels through the
/// payment processor (Stripe metadata, or the simulated checkout's URL) and comes back with the payment.
/// </summary>
public sealed class CheckoutIntent
{
    public Guid Id { get; init; }
    public int ProjectId { get; init; }

    /// <summary>The gift the donor chose, before any fee cover.</summary>
    public long Gift { get; init; }

    /// <summary>What the donor is asked to pay: the gift, plus the expected fee when they cover fees.</summary>
    public long Gross { get; init; }
    public required string Currency { get; init; }
    public bool Recurring { get; init; }
    public bool PotOptIn { get; init; }
    public bool CoverFees { get; init; }
    public string? PublicName { get; init; }
    public DonorVisibility Visibility { get; init; }
    public string? Message { get; init; }

    /// <summary>The signed-in donor's GitHub user id, so the gift shows on their /me page.</summary>
    public string? DonorId { get; init; }
    public CheckoutStatus Status { get; set; }
    public bool Simulated { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? CompletedAt { get; set; }
    public string? StripeSessionId { get; set; }
}

internal sealed class CheckoutIntentConfiguration : IEntityTypeConfiguration<CheckoutIntent>
{
    public void Configure(EntityTypeBuilder<CheckoutIntent> builder)
    {
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.PublicName).HasMaxLength(100);
        builder.Property(c => c.Message).HasMaxLength(2_000);
        builder.Property(c => c.StripeSessionId).HasMaxLength(255);
        builder.Property(c => c.DonorId).HasMaxLength(100);
        builder.HasIndex(c => c.StripeSessionId).IsUnique();
        builder.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
