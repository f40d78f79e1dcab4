namespace CrowdSite.Features.Donations;

/// <summary>
/// What a payment processor tells us, in our words. Stripe's webhooks and the simulated checkout both
/// produce these and hand them to <see cref="PaymentEventHandler"/>, so both paths write the same books.
/// Amounts are minor units as the processor reports them (never as the browser sent them).
/// </summary>
public abstract record PaymentEvent(string EventId);

/// <summary>
/// A checkout was paid: the first (or only) payment of a gift. <see cref="AmountTotal"/> and <see cref="Fee"/> are what
/// settled in the deployment's currency; <see cref="Presented"/> is what the donor paid in theirs when Stripe's Adaptive
/// Pricing showed another currency (for the receipt only).
/// </summary>
public sealed record CheckoutPaid(
    string EventId, Guid IntentId, long AmountTotal, long Fee, string? SessionId, string? PaymentIntentId,
    string? SubscriptionId, string? InvoiceId, string? CustomerId, PresentedAmount? Presented = null) : PaymentEvent(EventId);

/// <summary>An amount in the currency the donor saw at checkout (minor units, ISO 4217 upper case).</summary>
public sealed record PresentedAmount(long Amount, string Currency);

/// <summary>A delayed payment method (a bank debit) failed after the checkout completed: no money came.</summary>
public sealed record CheckoutFailed(string EventId, Guid IntentId) : PaymentEvent(EventId);

/// <summary>A monthly pledge was charged again.</summary>
public sealed record RenewalPaid(string EventId, string SubscriptionId, string InvoiceId, long AmountPaid, long Fee, string? PaymentIntentId)
    : PaymentEvent(EventId);

/// <summary>
/// Money went back to the donor (a refund, or a dispute the donor opened). <see cref="ReversedSoFar"/> of
/// <see cref="PaymentAmount"/> is the total reversed including this one (Stripe's amount_refunded), so a
/// late or repeated event never reverses more than the payment.
/// </summary>
public sealed record PaymentReversed(string EventId, string PaymentIntentId, string ReversalId, bool Dispute, long ReversedSoFar = 1, long PaymentAmount = 1)
    : PaymentEvent(EventId);

/// <summary>A dispute closed in the project's favour: the money it took back is reinstated, once.</summary>
public sealed record DisputeWon(string EventId, string DisputeId) : PaymentEvent(EventId);

/// <summary>A monthly pledge's payment failed; the pledge is past due until a payment succeeds.</summary>
public sealed record PledgePaymentFailed(string EventId, string SubscriptionId) : PaymentEvent(EventId);

/// <summary>A monthly pledge ended (the donor cancelled, or the processor gave up).</summary>
public sealed record PledgeEnded(string EventId, string SubscriptionId) : PaymentEvent(EventId);

/// <summary>What handling an event did, for the caller's answer and for logs.</summary>
public enum PaymentOutcome
{
    Recorded,
    AlreadyRecorded,
    Ignored,

    /// <summary>It refers to something we have not recorded yet (events arrived out of order): try again later.</summary>
    NotYet,
}
