using System.ComponentModel.DataAnnotations;
using CrowdSite.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Donations;

/// <summary>Limits and the fee schedule of gifts (section "Donations"), in minor units of the deployment's currency.</summary>
public sealed class DonationOptions
{
    public const string Section = "Donations";

    [Range(1, long.MaxValue, ErrorMessage = "Donations:MinimumAmount must be at least 1 (minor units).")]
    public long MinimumAmount { get; set; } = 100;

    [Range(1, 100_000_000, ErrorMessage = "Donations:MaximumAmount must be between 1 and 100,000,000 (minor units).")]
    public long MaximumAmount { get; set; } = 1_000_000;

    /// <summary>The processor's percentage fee in basis points (290 = 2.9%): used for "cover fees" and simulated payments.</summary>
    [Range(0, 5_000, ErrorMessage = "Donations:FeePercentBasisPoints must be between 0 and 5000.")]
    public int FeePercentBasisPoints { get; set; } = FeeSchedule.StripeCard.PercentBasisPoints;

    /// <summary>The processor's fixed fee per payment, in minor units.</summary>
    [Range(0, 10_000, ErrorMessage = "Donations:FeeFixed must be between 0 and 10000 (minor units).")]
    public long FeeFixed { get; set; } = FeeSchedule.StripeCard.Fixed;

    public long[] Presets { get; set; } = [500, 1_000, 2_500, 5_000, 10_000];

    [Range(1, 2_000, ErrorMessage = "Donations:MessageMaxLength must be between 1 and 2000.")]
    public int MessageMaxLength { get; set; } = 280;

    public FeeSchedule Fees => new(FeePercentBasisPoints, FeeFixed);
}

/// <summary>Stripe's keys (section "Stripe"). Without a secret key the site takes simulated payments.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }

    /// <summary>Overrides Stripe's API address (tests point Stripe.net at a local fake).</summary>
    public string? ApiBase { get; set; }

    public bool IsLive => !string.IsNullOrWhiteSpace(SecretKey);
}

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
