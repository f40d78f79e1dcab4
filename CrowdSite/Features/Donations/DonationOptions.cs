using System.ComponentModel.DataAnnotations;

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
