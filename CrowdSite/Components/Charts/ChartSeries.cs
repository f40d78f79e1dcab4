namespace CrowdSite.Components.Charts;

/// <summary>One series of a time chart: points of (day, amount in minor units; null where it has no value).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);
