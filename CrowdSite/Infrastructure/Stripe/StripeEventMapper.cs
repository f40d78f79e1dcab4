using CrowdSite.Features.Donations;
using Stripe;
using Stripe.Checkout;

namespace CrowdSite.Infrastructure.Stripe;

/// <summary>Translates Stripe's events into our payment events (null: nothing for the books).</summary>
public sealed class StripeEventMapper(StripeFees fees, ILogger<StripeEventMapper> logger)
{
    public async Task<PaymentEvent?> MapAsync(Event stripeEvent, CancellationToken ct) => stripeEvent.Type switch
    {
        EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded
            => await CheckoutAsync(stripeEvent.Id, (Session)stripeEvent.Data.Object, ct),
        EventTypes.CheckoutSessionAsyncPaymentFailed when IntentOf((Session)stripeEvent.Data.Object) is { } failed
            => new CheckoutFailed(stripeEvent.Id, failed),
        EventTypes.InvoicePaid => await RenewalAsync(stripeEvent.Id, (Invoice)stripeEvent.Data.Object, ct),
        EventTypes.CustomerSubscriptionDeleted => new PledgeEnded(stripeEvent.Id, ((Subscription)stripeEvent.Data.Object).Id),
        EventTypes.ChargeRefunded => Refund(stripeEvent.Id, (Charge)stripeEvent.Data.Object),
        EventTypes.ChargeDisputeCreated when stripeEvent.Data.Object is Dispute { PaymentIntentId: { } pi } dispute
            => new PaymentReversed(stripeEvent.Id, pi, dispute.Id, Dispute: true),
        EventTypes.ChargeDisputeClosed when stripeEvent.Data.Object is Dispute { Status: "won" } dispute
            => new DisputeWon(stripeEvent.Id, dispute.Id),
        EventTypes.InvoicePaymentFailed when stripeEvent.Data.Object is Invoice { Parent.SubscriptionDetails.SubscriptionId: { } subscription }
            => new PledgePaymentFailed(stripeEvent.Id, subscription),
        _ => null,
    };

    private async Task<PaymentEvent?> CheckoutAsync(string eventId, Session session, CancellationToken ct)
    {
        // Delayed methods complete the session unpaid; their async_payment_succeeded event brings the money.
        // A checkout of nothing (fully discounted) has no money for the books.
        if (session.PaymentStatus != "paid" || session.AmountTotal is not > 0)
        {
            return null;
        }

        if (IntentOf(session) is not { } intentId)
        {
            logger.LogWarning("Checkout session {SessionId} carries no CrowdSite intent; ignored", session.Id);
            return null;
        }

        var (fee, paymentIntentId) = session.Mode == "subscription" && session.InvoiceId is { } invoice
            ? await fees.ForInvoiceAsync(invoice, ct)
            : (await fees.ForPaymentIntentAsync(session.PaymentIntentId, ct), session.PaymentIntentId);
        return new CheckoutPaid(eventId, intentId, session.AmountTotal.Value, fee, session.Id, paymentIntentId,
            session.SubscriptionId, session.InvoiceId, session.CustomerId);
    }

    private static Guid? IntentOf(Session session) =>
        Guid.TryParse(session.Metadata?.GetValueOrDefault("intentId") ?? session.ClientReferenceId, out var id) ? id : null;

    private async Task<PaymentEvent?> RenewalAsync(string eventId, Invoice invoice, CancellationToken ct)
    {
        // The first invoice of a subscription is the checkout's payment, recorded from checkout.session.completed.
        if (invoice.BillingReason == "subscription_create" || invoice.AmountPaid <= 0
            || invoice.Parent?.SubscriptionDetails?.SubscriptionId is not { } subscription)
        {
            return null;
        }

        // Our subscriptions carry our intent in their metadata (the invoice holds a copy): another app's invoice
        // on the same Stripe account is not ours, and is answered before anything is fetched for it.
        if (invoice.Parent.SubscriptionDetails.Metadata?.ContainsKey("intentId") != true)
        {
            logger.LogInformation("Invoice {InvoiceId} is for subscription {SubscriptionId}, not one of ours; ignored", invoice.Id, subscription);
            return null;
        }

        var (fee, paymentIntentId) = await fees.ForInvoiceAsync(invoice.Id, ct);
        return new RenewalPaid(eventId, subscription, invoice.Id, invoice.AmountPaid, fee, paymentIntentId);
    }

    /// <summary>Stripe's amount_refunded is cumulative: each refund event brings the donation's reversal to that total.</summary>
    private static PaymentEvent? Refund(string eventId, Charge charge) =>
        charge.PaymentIntentId is null || charge.AmountRefunded <= 0
            ? null
            : new PaymentReversed(eventId, charge.PaymentIntentId, charge.Refunds?.Data?.FirstOrDefault()?.Id ?? eventId, Dispute: false,
                charge.AmountRefunded, charge.Amount);
}
