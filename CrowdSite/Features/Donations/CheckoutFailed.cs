namespace CrowdSite.Features.Donations;

/// <summary>A delayed payment method (a bank debit) failed after the checkout completed: no money came.</summary>
public sealed record CheckoutFailed(string EventId, Guid IntentId) : PaymentEvent(EventId);
