using System.ComponentModel.DataAnnotations;

namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>Cloud Foundry usage import (section "CloudFoundry").</summary>
public sealed class CloudFoundryOptions
{
    public const string Section = "CloudFoundry";

    /// <summary>The price of one GB-hour of memory, in millionths of a minor unit (5,000,000 = 5 cents).</summary>
    [Range(1, long.MaxValue, ErrorMessage = "CloudFoundry:PricePerGbHourMicros must be positive (millionths of a minor unit per GB-hour).")]
    public long PricePerGbHourMicros { get; set; } = 5_000_000;
}
