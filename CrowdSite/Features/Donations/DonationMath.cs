namespace CrowdSite.Features.Donations;

/// <summary>The money rules of DESIGN §4 for a gift, in integer minor units.</summary>
public static class DonationMath
{
    /// <summary>floor(gift × percent / 100): the pot's share of an opted-in gift, never of a fee cover.</summary>
    public static long PotShare(long gift, int potPercent) => gift * potPercent / 100;

    /// <summary>The fee the processor takes from a charge of <paramref name="gross"/> (rounded half up).</summary>
    public static long Fee(long gross, FeeSchedule schedule) =>
        (gross * schedule.PercentBasisPoints + 5_000) / 10_000 + schedule.Fixed;

    /// <summary>
    /// The gross to charge so the fee is covered: (gift + fixed) ÷ (1 − percentage), rounded up so that
    /// gross − Fee(gross) ≥ gift.
    /// </summary>
    public static long GrossCoveringFees(long gift, FeeSchedule schedule)
    {
        var gross = ((gift + schedule.Fixed) * 10_000 + (10_000 - schedule.PercentBasisPoints) - 1)
            / (10_000 - schedule.PercentBasisPoints);
        while (gross - Fee(gross, schedule) < gift)
        {
            gross++;
        }

        return gross;
    }
}
