using CrowdSite.Features.Donations;
using CrowdSite.Features.Platform;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace CrowdSite.Infrastructure.Stripe;

/// <summary>Translates Stripe's events into our payment events (null: nothing for the books).</summary>
public sealed class StripeEventMapper(StripeFees fees, IOptions<PlatformOptions> platform, ILogger<StripeEventMapper> logger)
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

        var (settled, presented) = Amounts(session);
        var (fee, paymentIntentId) = session.Mode == "subscription" && session.InvoiceId is { } invoice
            ? await fees.ForInvoiceAsync(invoice, ct)
            : (await fees.ForPaymentIntentAsync(session.PaymentIntentId, ct), session.PaymentIntentId);
        return new CheckoutPaid(eventId, intentId, settled, fee, session.Id, paymentIntentId,
            session.SubscriptionId, session.InvoiceId, session.CustomerId, presented);
    }

    /// <summary>
    /// What settled in the deployment's currency, and what the donor saw when Adaptive Pricing showed them another.
    /// Sessions of API versions from 2025-03-31 keep <c>currency</c>/<c>amount_total</c> in ours and put the donor's in
    /// <c>presentment_details</c>; older ones had them localized, with ours in <c>currency_conversion</c>.
    /// </summary>
    private (long Settled, PresentedAmount? Presented) Amounts(Session session)
    {
        var ours = platform.Value.Currency;
        if (session.Currency is null || Same(session.Currency, ours))
        {
            var shown = session.PresentmentDetails is { PresentmentCurrency: { } currency, PresentmentAmount: > 0 } details && !Same(currency, ours)
                ? new PresentedAmount(details.PresentmentAmount, currency.ToUpperInvariant())
                : null;
            return (session.AmountTotal!.Value, shown);
        }

        if (session.CurrencyConversion is { SourceCurrency: { } source, AmountTotal: > 0 } conversion && Same(source, ours))
        {
            return (conversion.AmountTotal, new PresentedAmount(session.AmountTotal!.Value, session.Currency.ToUpperInvariant()));
        }

        // Never book another currency's minor units as ours: fail loudly (a 5xx, so Stripe retries once this is fixed).
        throw new InvalidOperationException(
            $"Checkout session {session.Id} is in {session.Currency} without a conversion to {ours}; it was not booked.");
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

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

        // Our pledges are priced in the deployment's currency (Adaptive Pricing is never on for them): a renewal in another
        // currency would book its minor units as ours. Refused loudly instead (a 5xx; Stripe retries once it is fixed).
        if (invoice.Currency is { } currency && !Same(currency, platform.Value.Currency))
        {
            throw new InvalidOperationException($"Invoice {invoice.Id} is in {currency}, not {platform.Value.Currency}; it was not booked.");
        }

        var (fee, paymentIntentId) = await fees.ForInvoiceAsync(invoice.Id, ct);
        return new RenewalPaid(eventId, subscription, invoice.Id, invoice.AmountPaid, fee, paymentIntentId);
    }

    /// <summary>Stripe's amount_refunded is cumulative: each refund event brings the donation's reversal to that total.</summary>
    private static PaymentReversed? Refund(string eventId, Charge charge) =>
        charge.PaymentIntentId is null || charge.AmountRefunded <= 0
            ? null
            : new PaymentReversed(eventId, charge.PaymentIntentId, charge.Refunds?.Data?.FirstOrDefault()?.Id ?? eventId, Dispute: false,
                charge.AmountRefunded, charge.Amount);
}
