using CrowdSite.Features.Donations;
using Microsoft.Extensions.Options;
using Stripe;

namespace CrowdSite.Infrastructure.Stripe;

/// <summary>Reads the processor's real fee from a payment's balance transaction, so the books show what Stripe took.</summary>
public sealed class StripeFees(StripeClient client)
{
    public async Task<long> ForPaymentIntentAsync(string paymentIntentId, CancellationToken ct)
    {
        var intent = await new PaymentIntentService(client).GetAsync(paymentIntentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] }, cancellationToken: ct);
        return intent.LatestCharge?.BalanceTransaction?.Fee
            ?? throw new InvalidOperationException($"Stripe has no balance transaction for {paymentIntentId} yet.");
    }

    /// <summary>
    /// The fee and the payment intent of an invoice's payment (subscriptions pay through invoices). Stripe
    /// expands at most four levels, so the invoice gives the payment intent's id and that gives the fee.
    /// </summary>
    public async Task<(long Fee, string? PaymentIntentId)> ForInvoiceAsync(string invoiceId, CancellationToken ct)
    {
        var invoice = await new InvoiceService(client).GetAsync(invoiceId, new InvoiceGetOptions { Expand = ["payments"] }, cancellationToken: ct);
        var paymentIntentId = invoice.Payments?.Data?.Select(p => p.Payment?.PaymentIntentId).FirstOrDefault(id => id is not null)
            ?? throw new InvalidOperationException($"Stripe shows no payment for invoice {invoiceId} yet.");
        return (await ForPaymentIntentAsync(paymentIntentId, ct), paymentIntentId);
    }
}
