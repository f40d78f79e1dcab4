using CrowdSite.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace CrowdSite.Infrastructure.Stripe;

/// <summary>
/// Checked at start: half a Stripe configuration fails there, naming the key, instead of taking real payments whose
/// webhooks are refused (so they never reach the books).
/// </summary>
internal sealed class StripeOptionsValidator : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        List<string> failures = [];
        var webhooks = !string.IsNullOrWhiteSpace(options.WebhookSecret);
        if (options.IsLive && !webhooks)
        {
            failures.Add("Stripe:WebhookSecret is required with Stripe:SecretKey: without it Stripe's webhooks are refused and paid gifts never reach the books. "
                + "Set it to the signing secret (whsec_…) of the /webhooks/stripe endpoint.");
        }

        if (!options.IsLive && webhooks)
        {
            failures.Add("Stripe:WebhookSecret is set without Stripe:SecretKey: set both for live payments, or neither for simulated ones.");
        }

        if (options.IsLive && !options.SecretKey!.StartsWith("sk_", StringComparison.Ordinal) && !options.SecretKey.StartsWith("rk_", StringComparison.Ordinal))
        {
            failures.Add("Stripe:SecretKey must be a secret or restricted key (sk_… or rk_…), not a publishable key (pk_…).");
        }

        if (!string.IsNullOrWhiteSpace(options.ApiBase) && !AbsoluteUrl.IsHttp(options.ApiBase))
        {
            failures.Add("Stripe:ApiBase must be an absolute http(s) URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
