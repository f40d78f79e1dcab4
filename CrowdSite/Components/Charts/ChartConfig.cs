namespace CrowdSite.Components.Charts;

/// <summary>What the JS module receives: the ApexCharts essentials, amounts in minor units.</summary>
public sealed record ChartConfig(
    string Type,
    int Height,
    bool Stacked,
    string Currency,
    int MinorDigits,
    bool? DarkMode,
    IReadOnlyList<string> Colors,
    IReadOnlyList<object> Series,
    IReadOnlyList<int>? DashArray = null,
    bool LastIsSoFar = false)
{
    /// <summary>
    /// The palette charts use unless given their own. Series with a fixed colour (each resource, donations, compute
    /// cost) take it from charts.js's NAMED_COLORS instead, the same on every project.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultColors = ["#0f766e", "#f59e0b", "#6366f1", "#ec4899", "#0ea5e9", "#84cc16"];
}
