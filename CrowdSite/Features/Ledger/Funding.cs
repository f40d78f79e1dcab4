namespace CrowdSite.Features.Ledger;

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
