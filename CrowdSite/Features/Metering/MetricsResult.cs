namespace CrowdSite.Features.Metering;

/// <summary>How many days were new, replaced with other figures, or reported again unchanged.</summary>
public sealed record MetricsResult(int Created, int Replaced, int Unchanged);
