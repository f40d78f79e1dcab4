namespace CrowdSite.Features.Donations;

/// <summary>
/// A checkout was paid: the first (or only) payment of a gift. <see cref="AmountTotal"/> and <see cref="Fee"/> are what
/// settled in the deployment's currency; <see cref="Presented"/> is what the donor paid in theirs when Stripe's Adaptive
/// Pricing showed another currency (for the receipt only).
/// </summary>
public sealed record CheckoutPaid(
    string EventId, Guid IntentId, long AmountTotal, long Fee, string? SessionId, string? PaymentIntentId,
    string? SubscriptionId, string? InvoiceId, string? CustomerId, PresentedAmount? Presented = null) : PaymentEvent(EventId);
