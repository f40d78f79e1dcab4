using CrowdSite.Features.Ledger;

namespace CrowdSite.Features.Donations;

/// <summary>
/// What a gift pays for, from the project's real costs (issue 14, item 4). Pure integer arithmetic: what reaches
/// the project (after fee and pot share) against the last 30 days' cost; halves round up.
/// </summary>
public static class GiftImpact
{
    /// <summary>"$25.00 runs Takahē for about 7 days" (hours under a day); null without costs to run.</summary>
    public static string? RunsFor(string projectName, long gross, long net, FundingFigures figures)
    {
        if (figures.MonthlyCost <= 0 || net <= 0)
        {
            return null;
        }

        return $"{Format(gross, figures)} runs {projectName} for about {Duration(net, figures.MonthlyCost)}";
    }

    /// <summary>
    /// A monthly gift against the shortfall it meets: "$25.00 a month covers 23% of Takahē's monthly shortfall",
    /// all of it, or, for a covered project, how long each month's gift runs it.
    /// </summary>
    public static string? MonthlyShare(string projectName, long gross, long net, long shortfall, FundingFigures figures)
    {
        if (figures.MonthlyCost <= 0 || net <= 0)
        {
            return null;
        }

        var monthly = $"{Format(gross, figures)} a month";
        if (shortfall <= 0)
        {
            return $"{monthly} runs {projectName} for about {Duration(net, figures.MonthlyCost)} each month; its costs are covered today, so it builds a margin";
        }

        return net >= shortfall
            ? $"{monthly} covers all of {projectName}'s monthly shortfall ({Format(shortfall, figures)})"
            : $"{monthly} covers {Percent(net, shortfall)}% of {projectName}'s monthly shortfall ({Format(shortfall, figures)})";
    }

    /// <summary>Whole percent of <paramref name="part"/> in <paramref name="whole"/>, half up, at least 1 for any part.</summary>
    public static long Percent(long part, long whole) =>
        Math.Max(1, (long)(((Int128)part * 200 + whole) / (2 * (Int128)whole)));

    /// <summary>net ÷ (monthly cost ÷ 30) as "about N days" (half up), or hours when under a day.</summary>
    public static string Duration(long net, long monthlyCost)
    {
        var days = (long)(((Int128)net * 60 + monthlyCost) / (2 * (Int128)monthlyCost));
        if (days >= 1)
        {
            return days == 1 ? "1 day" : FormattableString.Invariant($"{days:N0} days");
        }

        var hours = Math.Max(1, (long)(((Int128)net * 60 * 24 + monthlyCost) / (2 * (Int128)monthlyCost)));
        return hours == 1 ? "1 hour" : $"{hours} hours";
    }

    private static string Format(long minor, FundingFigures figures) => new Money(minor, figures.Currency).Format();
}
