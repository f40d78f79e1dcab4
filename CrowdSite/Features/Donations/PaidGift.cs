namespace CrowdSite.Features.Donations;

/// <summary>
/// A payment that settled, as the books and the donation take it: a checkout's first payment or a pledge's renewal.
/// <see cref="Received"/> holds the money; the rest says who gave, how they appear and the processor's references.
/// </summary>
public sealed record PaidGift(ReceivedGift Received, string IdempotencyKey, DateTime At)
{
    public string? DonorId { get; init; }
    public string? PublicName { get; init; }
    public DonorVisibility Visibility { get; init; }
    public string? Message { get; init; }
    public PresentedAmount? Presented { get; init; }
    public Guid? CheckoutIntentId { get; init; }
    public string? SessionId { get; init; }
    public string? PaymentIntentId { get; init; }
    public string? InvoiceId { get; init; }
    public string? SubscriptionId { get; init; }

    /// <summary>The pledge a renewal pays.</summary>
    public int? PledgeId { get; init; }

    /// <summary>The pledge a monthly gift's first payment starts.</summary>
    public Pledge? NewPledge { get; init; }
}
