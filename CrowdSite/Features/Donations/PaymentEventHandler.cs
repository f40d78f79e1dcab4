namespace CrowdSite.Features.Donations;

/// <summary>
/// Turns payment events into donations, pledges and ledger transactions, handing each to its use case. Every write is
/// keyed so that a redelivered, duplicated or concurrent event records nothing twice.
/// </summary>
public sealed class PaymentEventHandler(
    CheckoutPayments checkouts,
    RenewalPayments renewals,
    PaymentReversals reversals,
    PledgeChanges pledges,
    ILogger<PaymentEventHandler> logger)
{
    public async Task<(PaymentOutcome Outcome, Donation? Donation)> HandleAsync(PaymentEvent payment, CancellationToken ct = default)
    {
        var result = payment switch
        {
            CheckoutPaid paid => await checkouts.PaidAsync(paid, ct),
            RenewalPaid renewal => await renewals.PaidAsync(renewal, ct),
            CheckoutFailed failed => (await checkouts.FailedAsync(failed, ct), null),
            PaymentReversed reversed => (await reversals.ReverseAsync(reversed, ct), null),
            PledgeEnded ended => (await pledges.EndAsync(ended, ct), null),
            DisputeWon won => (await reversals.ReinstateAsync(won, ct), null),
            PledgePaymentFailed failed => (await pledges.PastDueAsync(failed, ct), null),
            _ => (PaymentOutcome.Ignored, null),
        };
        logger.LogInformation("Payment event {EventId} ({Type}): {Outcome}", payment.EventId, payment.GetType().Name, result.Item1);
        return result;
    }
}
