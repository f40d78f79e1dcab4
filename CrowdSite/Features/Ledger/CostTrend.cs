namespace CrowdSite.Features.Ledger;

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
