using CrowdSite.Features.Ledger;
using MudBlazor;

namespace CrowdSite.Components.Shared;

/// <summary>How health and runway read in the UI, named as in the API.</summary>
public static class HealthText
{
    public static string Label(Health health) => health switch
    {
        Health.Healthy => "Healthy",
        Health.NeedsSupport => "Needs support",
        _ => "Critical",
    };

    /// <summary>The MudBlazor colour of a health: chips and coverage bars.</summary>
    public static Color Color(Health health) => health switch
    {
        Health.Healthy => MudBlazor.Color.Success,
        Health.NeedsSupport => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Error,
    };

    /// <summary>
    /// How full a coverage bar is, a whole percent 0–100; full when there are no costs. Whole, as the text beside it:
    /// a screen reader reads the bar's value out, and 47.370000000000005 read badly.
    /// </summary>
    public static double CoverageBar(FundingFigures figures) => Math.Min(100, Math.Round((figures.Coverage ?? 1) * 100));

    /// <summary>What a coverage bar shows, in words.</summary>
    public static string Coverage(FundingFigures figures) => figures.Coverage is { } c
        ? $"Donations cover {Percent(c)} of costs"
        : "No compute costs in the last 30 days";

    /// <summary>A ratio as a whole percent: 1.2 reads "120%".</summary>
    public static string Percent(double ratio) => $"{Math.Round(ratio * 100):0}%";

    public static string Runway(FundingFigures figures) => figures.FundedUntil is { } until
        ? $"Funded until {DateText.Format(until)} ({figures.RunwayDays} days)"
        : figures.RunwayDays is { } days ? $"Funded for {days.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} days" : "Sustainable";

    /// <summary>What the project lacks each month, in words: "Needs $66.00 more a month", or that it is covered.</summary>
    public static string Shortfall(FundingFigures figures) => figures switch
    {
        { MonthlyCost: 0 } => "No compute costs in the last 30 days",
        { Shortfall: > 0 } => $"Needs {Format(figures.Shortfall, figures)} more a month",
        _ => $"Costs covered ({Format(figures.MonthlyCost, figures)} a month)",
    };

    /// <summary>
    /// The other projection, when the two differ by more than 10%: the headline follows the cost trend, this one
    /// holds costs as they are (or, without a trend, there is no other). Null when not worth a line.
    /// </summary>
    public static string? OtherRunway(FundingFigures figures)
    {
        var r = figures.Runway;
        if (r.Method != RunwayMethod.Trend || !r.TrendDiffers)
        {
            return null;
        }

        var steady = r.FundedUntilIfNothingChanges is { } until
            ? $"until {DateText.Format(until)} ({r.DaysIfNothingChanges} days)"
            : r.DaysIfNothingChanges is { } days ? $"{days.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} days" : "sustainable";
        var direction = r.Days is null || r.Days > r.DaysIfNothingChanges ? "falling" : "rising";
        return $"That is at the current trend (costs {direction}); if nothing changes: {steady}.";
    }

    /// <summary>The runway model in one line.</summary>
    public static string Model(FundingFigures figures)
    {
        var typical = figures.Runway.IncomeMonths > 0
            ? $"the median month of one-time gifts over the last {figures.Runway.IncomeMonths * 30} days"
            : "one-time gifts of the last 30 days";
        var cost = figures.Runway.Method == RunwayMethod.Trend
            ? "costs following their 90-day trend"
            : "costs at the last 30 days' rate";
        return $"How long it lasts: the balance, drawn down by {cost}, topped up by monthly pledges and {typical} (so a gift counts once, in the balance).";
    }

    private static string Format(long minor, FundingFigures figures) => new Money(minor, figures.Currency).Format();
}
