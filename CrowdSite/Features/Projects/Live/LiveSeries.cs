namespace CrowdSite.Features.Projects.Live;

/// <summary>
/// Points of one chart series as [epoch ms, minor units]. <see cref="Whole"/>: the series replaces what the
/// chart has (the projection); otherwise the points replace or extend the chart's points at the same dates.
/// </summary>
public sealed record LiveSeries(string Name, IReadOnlyList<object?[]> Data, bool Whole);
