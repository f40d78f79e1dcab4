using Microsoft.Extensions.Options;
using Stripe;

namespace CrowdSite.Infrastructure.Stripe;

/// <summary>The one Stripe client of the site, on Stripe:SecretKey and (for tests) Stripe:ApiBase.</summary>
public static class StripeClientFactory
{
    public static StripeClient Create(IOptions<StripeOptions> options) =>
        new(options.Value.SecretKey, apiBase: string.IsNullOrWhiteSpace(options.Value.ApiBase) ? null : options.Value.ApiBase);
}
