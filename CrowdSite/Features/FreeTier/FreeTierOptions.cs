using System.ComponentModel.DataAnnotations;

namespace CrowdSite.Features.FreeTier;

/// <summary>The free tier's rules (section "FreeTier").</summary>
public sealed class FreeTierOptions
{
    public const string Section = "FreeTier";

    /// <summary>The most the pot pays one project for one month, in minor units, unless the project has its own cap.</summary>
    [Range(0, long.MaxValue, ErrorMessage = "FreeTier:MonthlyCap must not be negative (minor units).")]
    public long MonthlyCap { get; set; } = 1_000;
}
