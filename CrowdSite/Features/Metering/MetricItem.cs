namespace CrowdSite.Features.Metering;

/// <summary>One project's usage on one day (POST /api/v1/metrics). Everything optional here so that missing fields get named errors.</summary>
public sealed record MetricItem(string? Project, string? Day, long? ActiveUsers, long? Requests);
