namespace CrowdSite.Features.Donations;

/// <summary>A monthly pledge's payment failed; the pledge is past due until a payment succeeds.</summary>
public sealed record PledgePaymentFailed(string EventId, string SubscriptionId) : PaymentEvent(EventId);
