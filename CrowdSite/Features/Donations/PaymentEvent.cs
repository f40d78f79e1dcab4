namespace CrowdSite.Features.Donations;

/// <summary>
/// What a payment processor tells us, in our words. Stripe's webhooks and the simulated checkout both
/// produce these and hand them to <see cref="PaymentEventHandler"/>, so both paths write the same books.
/// Amounts are minor units as the processor reports them (never as the browser sent them).
/// </summary>
public abstract record PaymentEvent(string EventId);
