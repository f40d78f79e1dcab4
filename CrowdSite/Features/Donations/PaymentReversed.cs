namespace CrowdSite.Features.Donations;

/// <summary>
/// Money went back to the donor (a refund, or a dispute the donor opened). <see cref="ReversedSoFar"/> of
/// <see cref="PaymentAmount"/> is the total reversed including this one (Stripe's amount_refunded), so a
/// late or repeated event never reverses more than the payment.
/// </summary>
public sealed record PaymentReversed(string EventId, string PaymentIntentId, string ReversalId, bool Dispute, long ReversedSoFar = 1, long PaymentAmount = 1)
    : PaymentEvent(EventId);
