using System.ComponentModel.DataAnnotations;

namespace CrowdSite.Infrastructure.Http;

/// <summary>Limits where abuse is cheap (section "RateLimits"), per client address. Each instance counts its own.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Donations a client may start a minute (each stores an intent and, live, calls Stripe).</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:DonationStartsPerMinute must be between 1 and 1000000.")]
    public int DonationStartsPerMinute { get; set; } = 30;

    /// <summary>Sign-ins a client may start a minute.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:SignInsPerMinute must be between 1 and 1000000.")]
    public int SignInsPerMinute { get; set; } = 20;

    /// <summary>Live streams (open project pages) a client may hold at once.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:LiveConnectionsPerClient must be between 1 and 1000000.")]
    public int LiveConnectionsPerClient { get; set; } = 50;
}
