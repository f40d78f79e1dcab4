using CrowdSite.Features.Donations;
using CrowdSite.Features.Projects;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace CrowdSite.Infrastructure.Stripe;

/// <summary>
/// Stripe Checkout: a session in payment mode for a one-time gift, in subscription mode (inline monthly
/// price) for a pledge. The intent's id rides in the metadata and comes back with the webhook.
/// </summary>
public sealed class StripePaymentGateway(StripeClient client, IOptions<StripeOptions> options) : IPaymentGateway
{
    public bool IsSimulated => false;

    public async Task<CheckoutSession> CreateCheckoutAsync(CheckoutIntent intent, Project project, Uri siteBase, CancellationToken ct)
    {
        var metadata = new Dictionary<string, string>
        {
            ["intentId"] = intent.Id.ToString(),
            ["project"] = project.Slug,
            ["potOptIn"] = intent.PotOptIn ? "true" : "false",
            ["coverFees"] = intent.CoverFees ? "true" : "false",
            ["publicName"] = intent.PublicName ?? "",
        };
        var session = await new SessionService(client).CreateAsync(new SessionCreateOptions
        {
            Mode = intent.Recurring ? "subscription" : "payment",
            ClientReferenceId = intent.Id.ToString(),
            SuccessUrl = new Uri(siteBase, "donations/complete?session_id={CHECKOUT_SESSION_ID}").ToString(),
            CancelUrl = new Uri(siteBase, $"p/{project.Slug}?donation=cancelled").ToString(),
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = intent.Currency.ToLowerInvariant(),
                        UnitAmount = intent.Gross,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"Donation to {project.Name}" },
                        Recurring = intent.Recurring ? new SessionLineItemPriceDataRecurringOptions { Interval = "month" } : null,
                    },
                },
            ],
            Metadata = metadata,
            // Said either way, so Stripe's dashboard default never decides; never on a subscription (see StripeOptions).
            AdaptivePricing = new SessionAdaptivePricingOptions { Enabled = options.Value.AdaptivePricing && !intent.Recurring },
            PaymentIntentData = intent.Recurring ? null : new SessionPaymentIntentDataOptions { Metadata = metadata },
            SubscriptionData = intent.Recurring ? new SessionSubscriptionDataOptions { Metadata = metadata } : null,
        }, cancellationToken: ct);
        return new CheckoutSession(session.Url, session.Id);
    }

    public async Task<string?> CreatePortalAsync(string customerId, Uri returnUrl, CancellationToken ct)
    {
        var session = await new global::Stripe.BillingPortal.SessionService(client).CreateAsync(
            new global::Stripe.BillingPortal.SessionCreateOptions { Customer = customerId, ReturnUrl = returnUrl.ToString() }, cancellationToken: ct);
        return session.Url;
    }
}
