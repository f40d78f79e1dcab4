namespace CrowdSite.Features.Ledger;

/// <summary>How a project is doing (DESIGN §4). Serialized as healthy | needsSupport | critical.</summary>
public enum Health
{
    Healthy,
    NeedsSupport,
    Critical,
}

/// <summary>How a runway was projected. Serialized as trend | steady.</summary>
public enum RunwayMethod
{
    /// <summary>Costs follow the least-squares line of the last 90 complete days (clipped at zero), then hold.</summary>
    Trend,

    /// <summary>Too little cost history for a trend: costs stay at the last 30 days' rate.</summary>
    Steady,
}

/// <summary>
/// How long the money lasts: <see cref="Days"/> by <see cref="Method"/>, and the same "if nothing changes"
/// (costs held at the last 30 days' rate). Null days mean the money does not run out ("sustainable").
/// <see cref="IncomeMonths"/>: how many 30-day windows the typical one-time income is the median of.
/// </summary>
public sealed record RunwayFigures(
    int? Days, DateOnly? FundedUntil, RunwayMethod Method, int? DaysIfNothingChanges, DateOnly? FundedUntilIfNothingChanges, int IncomeMonths)
{
    /// <summary>Whether the two projections differ by more than 10% (or only one of them runs out), so both are worth showing.</summary>
    public bool TrendDiffers => Funding.DifferMuch(Days, DaysIfNothingChanges);
}

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

/// <summary>What the figures are derived from, read from the ledger's rollups for one project as of a day.</summary>
/// <param name="OneTimeByMonth">One-time gifts per 30-day window, newest first (the first ends today).</param>
/// <param name="DailyCost">Charges of each complete day before today, oldest first, from the first charged day of the trend window.</param>
/// <param name="Donated">Lifetime gifts, gross; with <paramref name="Kept"/> (what stayed after fees and pot shares) the share of a gift that reaches the balance.</param>
public sealed record FundingInputs(
    long Balance,
    long MonthlyCost,
    long MonthlyDonationRate,
    long ActivePledges,
    IReadOnlyList<long> OneTimeByMonth,
    IReadOnlyList<long> DailyCost,
    long Donated = 0,
    long Kept = 0);

/// <summary>The rules of DESIGN §4 as revised by issue 14, as pure arithmetic on integer minor units.</summary>
public static class Funding
{
    public const int TrailingDays = 30;
    public const int CriticalDays = 30;
    public const int NeedsSupportDays = 90;

    /// <summary>The cost trend's window: complete days before today.</summary>
    public const int TrendDays = 90;

    /// <summary>Fewer charged days than this make no trend: the runway holds costs steady.</summary>
    public const int MinTrendDays = 14;

    public static FundingFigures Compute(string currency, FundingInputs inputs, DateOnly today)
    {
        var income = NetOfFees(inputs.ActivePledges + TypicalOneTime(inputs.OneTimeByMonth), inputs.Donated, inputs.Kept);
        var trend = CostTrend.Fit(inputs.DailyCost);
        var steady = RunwayDays(inputs.Balance, inputs.MonthlyCost, income);
        var (days, method) = trend is null
            ? (steady, RunwayMethod.Steady)
            : (TrendRunwayDays(inputs.Balance, income, trend), RunwayMethod.Trend);
        var runway = new RunwayFigures(days, Until(today, days), method, steady, Until(today, steady), inputs.OneTimeByMonth.Count);
        return new FundingFigures(currency, inputs.Balance, inputs.MonthlyCost, inputs.MonthlyDonationRate, income,
            Coverage(income, inputs.MonthlyCost), runway, HealthOf(days), trend);
    }

    /// <summary>Figures from plain monthly rates, with no history behind them: the income rate is the donation rate, costs steady.</summary>
    public static FundingFigures Compute(string currency, long balance, long monthlyCost, long monthlyDonationRate, DateOnly today) =>
        Compute(currency, new FundingInputs(balance, monthlyCost, monthlyDonationRate, monthlyDonationRate, [], []), today);

    /// <summary>
    /// The typical month's one-time income: the median of the 30-day windows' totals (a window below zero after
    /// refunds counts as zero; a window before the project's first gift counts as zero: typical income is earned,
    /// not assumed). With an even count, the mean of the middle two, rounded down to a whole minor unit.
    /// </summary>
    public static long TypicalOneTime(IReadOnlyList<long> windows)
    {
        if (windows.Count == 0)
        {
            return 0;
        }

        var sorted = windows.Select(w => Math.Max(w, 0)).Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : sorted[middle - 1] + (sorted[middle] - sorted[middle - 1]) / 2;
    }

    /// <summary>
    /// What of a gross income reaches the balance: gross × kept ÷ donated over the project's life (fees and pot shares
    /// never reach it), rounded down to a whole minor unit; the gross itself before any gift.
    /// </summary>
    public static long NetOfFees(long gross, long donated, long kept) =>
        donated <= 0 || kept >= donated ? gross : (long)((Int128)gross * Math.Max(kept, 0) / donated);

    /// <summary>Income ÷ cost as a ratio (not an amount: a double is fine), null without costs.</summary>
    public static double? Coverage(long incomeRate, long monthlyCost) =>
        monthlyCost > 0 ? Math.Round((double)incomeRate / monthlyCost, 4) : null;

    public static Health HealthOf(int? runwayDays) => runwayDays switch
    {
        null => Health.Healthy,
        < CriticalDays => Health.Critical,
        < NeedsSupportDays => Health.NeedsSupport,
        _ => Health.Healthy,
    };

    /// <summary>
    /// "If nothing changes": balance ÷ (daily cost − daily income), in whole days (rounded down), when money drains;
    /// null ("sustainable") otherwise. Daily figures are the 30-day figures over 30, so the division is done once, in integers.
    /// </summary>
    public static int? RunwayDays(long balance, long monthlyCost, long incomeRate)
    {
        var monthlyBurn = monthlyCost - incomeRate;
        if (monthlyBurn <= 0)
        {
            return null;
        }

        if (balance <= 0)
        {
            return 0;
        }

        return Clamp((Int128)balance * TrailingDays / monthlyBurn);
    }

    /// <summary>
    /// "At the current trend": the whole days the balance lasts while each day costs the trend's figure for it
    /// (see <see cref="CostTrend.CostOnDay"/>) and brings income ÷ 30. Null when it never runs out: after the
    /// trend's horizon costs hold, so a project whose held cost is covered is sustainable.
    /// </summary>
    public static int? TrendRunwayDays(long balance, long incomeRate, CostTrend trend)
    {
        // Everything in thirtieths of a minor unit, so a day's income (income ÷ 30) needs no rounding.
        var left = (Int128)Math.Max(balance, 0) * TrailingDays;
        for (var day = 0; ; day++)
        {
            var burn = (Int128)trend.CostOnDay(day) * TrailingDays - incomeRate;
            if (day >= CostTrend.HorizonDays)
            {
                // Costs hold from here on: the rest is the steady formula.
                return burn <= 0 ? null : Clamp(day + left / burn);
            }

            if (left - burn < 0)
            {
                return day;
            }

            left -= burn;
        }
    }

    /// <summary>
    /// The balance expected after <paramref name="days"/> days: income ÷ 30 a day in, the trend's (or, without one,
    /// the 30-day rate's) cost out; rounded down to a whole minor unit once, at the end.
    /// </summary>
    public static long ProjectedBalance(long balance, long incomeRate, long monthlyCost, CostTrend? trend, int days)
    {
        var thirtieths = (Int128)balance * TrailingDays + (Int128)incomeRate * days;
        for (var day = 0; day < days; day++)
        {
            thirtieths -= trend is null ? monthlyCost : (Int128)trend.CostOnDay(day) * TrailingDays;
        }

        var floor = thirtieths >= 0 ? thirtieths / TrailingDays : (thirtieths - (TrailingDays - 1)) / TrailingDays;
        return (long)Int128.Clamp(floor, long.MinValue, long.MaxValue);
    }

    /// <summary>Two runways differ by more than 10% of the one "if nothing changes", or only one of them ends.</summary>
    public static bool DifferMuch(int? days, int? ifNothingChanges) => (days, ifNothingChanges) switch
    {
        (null, null) => false,
        ({ } a, { } b) => (long)Math.Abs(a - b) * 10 > b,
        _ => true,
    };

    private static DateOnly? Until(DateOnly today, int? days) =>
        days is { } d && d <= DateOnly.MaxValue.DayNumber - today.DayNumber ? today.AddDays(d) : null;

    private static int Clamp(Int128 days) => days > int.MaxValue ? int.MaxValue : (int)days;
}

/// <summary>
/// A least-squares line over daily costs (minor units a day). Day 0 is today; the line was fitted on the days
/// before it. Slope and level are doubles (a trend, not an amount); each day's cost is rounded to a whole minor unit.
/// </summary>
public sealed record CostTrend(double Level, double Slope, int Days)
{
    /// <summary>The line is followed as far ahead as it was measured back, then held.</summary>
    public const int HorizonDays = Funding.TrendDays;

    /// <summary>The fit of <paramref name="dailyCost"/> (oldest first, ending yesterday); null with fewer than <see cref="Funding.MinTrendDays"/> days.</summary>
    public static CostTrend? Fit(IReadOnlyList<long> dailyCost)
    {
        var n = dailyCost.Count;
        if (n < Funding.MinTrendDays)
        {
            return null;
        }

        // x = 0 is today, so yesterday is −1 and the first day −n.
        var meanX = -(n + 1) / 2.0;
        var meanY = dailyCost.Average(c => (double)c);
        double sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = i - n - meanX;
            sxx += dx * dx;
            sxy += dx * (dailyCost[i] - meanY);
        }

        var slope = sxy / sxx;
        return new CostTrend(meanY - slope * meanX, slope, n);
    }

    /// <summary>The cost of day <paramref name="day"/> from today (0 = today): the line, held after the horizon, clipped at zero, rounded half away from zero.</summary>
    public long CostOnDay(int day)
    {
        var value = Level + Slope * Math.Min(day, HorizonDays);
        return value <= 0 ? 0 : (long)Math.Min(Math.Round(value, MidpointRounding.AwayFromZero), long.MaxValue / 64);
    }

    /// <summary>The trend's cost of the next 30 days (today included), the "monthly cost at the current trend".</summary>
    public long NextMonth()
    {
        var total = 0L;
        for (var day = 0; day < Funding.TrailingDays; day++)
        {
            total += CostOnDay(day);
        }

        return total;
    }
}
