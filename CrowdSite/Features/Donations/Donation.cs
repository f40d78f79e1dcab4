using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Donations;

/// <summary>A gift to a project. Its money lives in the ledger; this row keeps who, why and the processor's references.</summary>
public sealed class Donation
{
    public int Id { get; init; }
    public int ProjectId { get; init; }
    public string? DonorId { get; init; }
    public long Amount { get; init; }
    public long Fee { get; init; }
    public long PotShare { get; init; }
    public required string Currency { get; init; }
    public bool Recurring { get; init; }
    public int? PledgeId { get; init; }
    public Pledge? Pledge { get; init; }

    /// <summary>Null means anonymous: only public names are ever shown. The donor may change it (and <see cref="Visibility"/>) later.</summary>
    public string? PublicName { get; set; }

    /// <summary>How the gift appears in public; anonymous whenever <see cref="PublicName"/> is null.</summary>
    public DonorVisibility Visibility { get; set; }
    public string? Message { get; init; }
    public DonationStatus Status { get; set; }

    /// <summary>
    /// What the donor paid in their own currency when Stripe's Adaptive Pricing presented another one (minor units of
    /// <see cref="PresentmentCurrency"/>, upper case); null when they paid in the deployment's currency. Never in the books.
    /// </summary>
    public long? PresentmentAmount { get; init; }
    public string? PresentmentCurrency { get; init; }
    public DateTime CreatedAt { get; init; }
    public string? StripeCheckoutSessionId { get; init; }
    public string? StripePaymentIntentId { get; init; }
    public string? StripeInvoiceId { get; init; }
    public string? StripeSubscriptionId { get; init; }
    public long? LedgerTransactionId { get; init; }
    public LedgerTransaction? LedgerTransaction { get; set; }
    public Guid? CheckoutIntentId { get; init; }

    /// <summary>The secret in the donor's private receipt link; unguessable, never listed.</summary>
    public string? ReceiptToken { get; init; }
    public long? RefundTransactionId { get; set; }
}

internal sealed class DonationConfiguration : IEntityTypeConfiguration<Donation>
{
    public void Configure(EntityTypeBuilder<Donation> builder)
    {
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.DonorId).HasMaxLength(100);
        builder.Property(d => d.PublicName).HasMaxLength(100);
        builder.Property(d => d.Message).HasMaxLength(500);
        builder.Property(d => d.PresentmentCurrency).HasMaxLength(3);
        builder.Property(d => d.StripeCheckoutSessionId).HasMaxLength(255);
        builder.Property(d => d.StripePaymentIntentId).HasMaxLength(255);
        builder.Property(d => d.StripeInvoiceId).HasMaxLength(255);
        builder.Property(d => d.StripeSubscriptionId).HasMaxLength(255);
        builder.HasIndex(d => new { d.ProjectId, d.CreatedAt });
        builder.HasIndex(d => d.StripeCheckoutSessionId).IsUnique();
        builder.HasIndex(d => d.StripeInvoiceId).IsUnique();
        builder.HasIndex(d => d.StripePaymentIntentId);
        builder.HasIndex(d => d.DonorId);
        builder.Property(d => d.ReceiptToken).HasMaxLength(64);
        builder.HasIndex(d => d.ReceiptToken).IsUnique();
        builder.HasIndex(d => d.CheckoutIntentId);
        builder.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Pledge).WithMany().HasForeignKey(d => d.PledgeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.LedgerTransaction).WithOne().HasForeignKey<Donation>(d => d.LedgerTransactionId).OnDelete(DeleteBehavior.Restrict);
    }
}
