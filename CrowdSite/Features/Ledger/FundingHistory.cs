namespace CrowdSite.Features.Ledger;

/// <summary>Turns rollup days into the model's inputs (as of any day), and backtests the model on a history.</summary>
public static class FundingHistory
{
    /// <summary>The first day a figure as of <paramref name="today"/> reads.</summary>
    public static DateOnly Since(DateOnly today, int typicalIncomeMonths) =>
        today.AddDays(-Math.Max(typicalIncomeMonths * Funding.TrailingDays - 1, Funding.TrendDays));

    /// <summary>
    /// The inputs as of <paramref name="today"/> from the days up to it (others are ignored): the 30-day cost and
    /// one-time gifts (today included), the one-time totals of <paramref name="typicalIncomeMonths"/> 30-day windows,
    /// and the daily costs of the 90 complete days before today from the first day anything was charged.
    /// </summary>
    public static FundingInputs Inputs(
        long balance, long activePledges, IEnumerable<DayFlow> days, DateOnly today, int typicalIncomeMonths, long donated = 0, long kept = 0)
    {
        var windows = new long[typicalIncomeMonths];
        var daily = new long[Funding.TrendDays];
        var (cost30, firstCharged) = (0L, Funding.TrendDays);
        foreach (var d in days)
        {
            var age = today.DayNumber - d.Day.DayNumber; // 0 = today
            if (age < 0)
            {
                continue;
            }

            if (age / Funding.TrailingDays < typicalIncomeMonths)
            {
                windows[age / Funding.TrailingDays] += d.OneTime;
            }

            cost30 += age < Funding.TrailingDays ? d.Cost : 0;
            if (age is >= 1 and <= Funding.TrendDays)
            {
                var index = Funding.TrendDays - age;
                daily[index] += d.Cost;
                firstCharged = d.Cost != 0 ? Math.Min(firstCharged, index) : firstCharged;
            }
        }

        var trendDays = firstCharged < Funding.TrendDays ? daily[firstCharged..] : [];
        return new FundingInputs(balance, Math.Max(cost30, 0), Math.Max(activePledges + windows[0], 0), activePledges, windows, trendDays, donated, kept);
    }

    /// <summary>
    /// The model run at the start of the day <paramref name="days"/> days before <paramref name="today"/>, on the
    /// history known then, its projected balance for the start of today, and the balance really reached then.
    /// <paramref name="balanceToday"/> is today's balance; earlier balances take back each later day's net change.
    /// </summary>
    public static BacktestResult Backtest(
        long balanceToday, long pledgesThen, IReadOnlyCollection<DayFlow> history, DateOnly today, int days, int typicalIncomeMonths,
        long donated = 0, long kept = 0)
    {
        var from = today.AddDays(-days);
        var actual = balanceToday - history.Where(d => d.Day == today).Sum(d => d.Net);
        var balanceThen = actual - history.Where(d => d.Day >= from && d.Day < today).Sum(d => d.Net);
        var inputs = Inputs(balanceThen, pledgesThen, history.Where(d => d.Day < from), from, typicalIncomeMonths, donated, kept);
        var figures = Funding.Compute("", inputs, from);
        return new BacktestResult(from, today, days, balanceThen, figures.ProjectedBalance(days), actual, figures.IncomeRate, inputs.MonthlyCost);
    }
}
