namespace CrowdSite.Features.Metering;

public sealed record MetricsBatch(IReadOnlyList<MetricItem>? Metrics);
