namespace CrowdSite.Features.Ledger;

/// <summary>How a project is doing (DESIGN §4). Serialized as healthy | needsSupport | critical.</summary>
public enum Health
{
    Healthy,
    NeedsSupport,
    Critical,
}

/// <summary>A project's money at a glance. Amounts are minor units of <see cref="Currency"/>.</summary>
public sealed record FundingFigures(
    string Currency,
    long Balance,
    long MonthlyCost,
    long MonthlyDonationRate,
    double? Coverage,
    int? RunwayDays,
    DateOnly? FundedUntil,
    Health Health)
{
    public bool Sustainable => RunwayDays is null;
}

/// <summary>The rules of DESIGN §4, as pure arithmetic on integer minor units.</summary>
public static class Funding
{
    public const int TrailingDays = 30;
    public const int CriticalDays = 30;
    public const int NeedsSupportDays = 90;

    public static FundingFigures Compute(string currency, long balance, long monthlyCost, long monthlyDonationRate, DateOnly today)
    {
        // Coverage is a ratio of two amounts, not an amount: a double is fine for it.
        double? coverage = monthlyCost > 0 ? Math.Round((double)monthlyDonationRate / monthlyCost, 4) : null;
        var runway = RunwayDays(balance, monthlyCost, monthlyDonationRate);
        var health = runway switch
        {
            null => Health.Healthy,
            < CriticalDays => Health.Critical,
            < NeedsSupportDays => Health.NeedsSupport,
            _ => Health.Healthy,
        };
        return new FundingFigures(currency, balance, monthlyCost, monthlyDonationRate, coverage, runway,
            runway is { } days ? today.AddDays(days) : null, health);
    }

    /// <summary>
    /// balance ÷ (daily cost − daily donation rate), in whole days, when money drains; null ("sustainable") otherwise.
    /// Daily figures are the 30-day figures over 30, so the division is done once, in integers.
    /// </summary>
    public static int? RunwayDays(long balance, long monthlyCost, long monthlyDonationRate)
    {
        var monthlyBurn = monthlyCost - monthlyDonationRate;
        if (monthlyBurn <= 0)
        {
            return null;
        }

        if (balance <= 0)
        {
            return 0;
        }

        var days = (Int128)balance * TrailingDays / monthlyBurn;
        return days > int.MaxValue ? int.MaxValue : (int)days;
    }
}
