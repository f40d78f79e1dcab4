namespace CrowdSite.Components.Charts;

/// <summary>One series of a time chart: points of (day, amount in minor units; null where it has no value).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

public sealed record ChartPoint(DateOnly Day, long? Amount);

/// <summary>What the JS module receives: the ApexCharts essentials, amounts in minor units.</summary>
public sealed record ChartConfig(
    string Type,
    int Height,
    bool Stacked,
    string Currency,
    int MinorDigits,
    bool DarkMode,
    IReadOnlyList<string> Colors,
    IReadOnlyList<object> Series,
    IReadOnlyList<int>? DashArray = null,
    object? Annotations = null);
