using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace CrowdSite.Infrastructure.Stripe;

/// <summary>Whether a Stripe payment is one of this site's: its payment intent names one of our checkout intents.</summary>
public sealed class StripePayments(StripeClient client, IDbContextFactory<CrowdSiteDbContext> dbFactory, ILogger<StripePayments> logger)
{
    public async Task<bool> IsOursAsync(string paymentIntentId, CancellationToken ct)
    {
        PaymentIntent intent;
        try
        {
            intent = await new PaymentIntentService(client).GetAsync(paymentIntentId, cancellationToken: ct);
        }
        catch (StripeException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Not on this Stripe account at all. Any other failure throws: a 5xx, so Stripe retries (that can help).
            logger.LogInformation("Payment {PaymentIntentId} is unknown to this Stripe account; its event is ignored", paymentIntentId);
            return false;
        }

        var ours = Guid.TryParse(intent.Metadata?.GetValueOrDefault("intentId"), out var intentId)
            && await HasIntentAsync(intentId, ct);
        if (!ours)
        {
            logger.LogInformation("Payment {PaymentIntentId} is not one of this site's; its event is acknowledged and ignored", paymentIntentId);
        }

        return ours;
    }

    private async Task<bool> HasIntentAsync(Guid intentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CheckoutIntents.AnyAsync(i => i.Id == intentId, ct);
    }
}
