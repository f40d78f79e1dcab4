namespace CrowdSite.Infrastructure.Stripe;

/// <summary>Stripe's keys (section "Stripe"). Without a secret key the site takes simulated payments.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }

    /// <summary>Overrides Stripe's API address (tests point Stripe.net at a local fake).</summary>
    public string? ApiBase { get; set; }

    /// <summary>
    /// Stripe's Adaptive Pricing on one-time gifts: Checkout may show the donor's own currency; the books still take what
    /// settled in the deployment's currency. Monthly pledges stay in the deployment's currency (their renewals' invoices
    /// would come in the donor's).
    /// </summary>
    public bool AdaptivePricing { get; set; } = true;

    public bool IsLive => !string.IsNullOrWhiteSpace(SecretKey);
}
