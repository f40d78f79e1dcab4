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

    /// <summary>How full a coverage bar is, 0–100; full when there are no costs.</summary>
    public static double CoverageBar(FundingFigures figures) => Math.Min(100, (figures.Coverage ?? 1) * 100);

    /// <summary>A ratio as a whole percent: 1.2 reads "120%".</summary>
    public static string Percent(double ratio) => $"{Math.Round(ratio * 100):0}%";

    public static string Runway(FundingFigures figures) => figures.FundedUntil is { } until
        ? $"Funded until {DateText.Format(until)} ({figures.RunwayDays} days)"
        : "Sustainable";
}
