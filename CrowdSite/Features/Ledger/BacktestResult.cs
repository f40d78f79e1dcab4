namespace CrowdSite.Features.Ledger;

/// <summary>What the runway predicted <see cref="Days"/> days before <see cref="To"/>, against the balance reached.</summary>
public sealed record BacktestResult(DateOnly From, DateOnly To, int Days, long BalanceThen, long Predicted, long Actual, long IncomeRate, long MonthlyCostThen)
{
    /// <summary>(predicted − actual) ÷ |actual|, a ratio; null when the actual balance is zero.</summary>
    public double? Error => Actual == 0 ? null : (double)(Predicted - Actual) / Math.Abs(Actual);

    /// <summary>The miss in days of the cost at the time (how far off a runway in days would have been).</summary>
    public double? ErrorInDays => MonthlyCostThen == 0 ? null : (double)(Predicted - Actual) * Funding.TrailingDays / MonthlyCostThen;
}
