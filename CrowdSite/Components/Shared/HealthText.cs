using CrowdSite.Features.Ledger;

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

    public static string Runway(FundingFigures figures) => figures.FundedUntil is { } until
        ? $"Funded until {until:MMM d, yyyy} ({figures.RunwayDays} days)"
        : "Sustainable";
}
