namespace CrowdSite.Features.Donations;

/// <summary>A monthly pledge ended (the donor cancelled, or the processor gave up).</summary>
public sealed record PledgeEnded(string EventId, string SubscriptionId) : PaymentEvent(EventId);
