namespace CrowdSite.Features.Ledger;

/// <summary>
/// A project's money at a glance. Amounts are minor units of <see cref="Currency"/>. <see cref="MonthlyDonationRate"/>
/// is what came in (DESIGN §4: pledges + the last 30 days' one-time gifts); <see cref="IncomeRate"/> is what a
/// runway may count on (pledges + the typical month's one-time gifts), so one gift counts once, in the balance.
/// </summary>
public sealed record FundingFigures(
    string Currency,
    long Balance,
    long MonthlyCost,
    long MonthlyDonationRate,
    long IncomeRate,
    double? Coverage,
    RunwayFigures Runway,
    Health Health,
    CostTrend? Trend = null)
{
    public int? RunwayDays => Runway.Days;

    public DateOnly? FundedUntil => Runway.FundedUntil;

    /// <summary>Monthly cost − income rate, 0 when income covers costs.</summary>
    public long Shortfall => Math.Max(0, MonthlyCost - IncomeRate);

    public bool Sustainable => RunwayDays is null;

    /// <summary>The balance expected <paramref name="days"/> from today by the same model as the runway (may go below zero).</summary>
    public long ProjectedBalance(int days) => Funding.ProjectedBalance(Balance, IncomeRate, MonthlyCost, Trend, days);
}
