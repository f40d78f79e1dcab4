namespace CrowdSite.Features.Donations;

/// <summary>A monthly pledge was charged again.</summary>
public sealed record RenewalPaid(string EventId, string SubscriptionId, string InvoiceId, long AmountPaid, long Fee, string? PaymentIntentId)
    : PaymentEvent(EventId);
