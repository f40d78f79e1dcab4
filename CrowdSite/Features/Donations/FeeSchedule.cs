namespace CrowdSite.Features.Donations;

/// <summary>A processor's fee: a percentage in basis points plus a fixed amount in minor units.</summary>
public sealed record FeeSchedule(int PercentBasisPoints, long Fixed)
{
    /// <summary>Stripe's standard card pricing, used to estimate fees in simulated mode.</summary>
    public static readonly FeeSchedule StripeCard = new(290, 30);
}
