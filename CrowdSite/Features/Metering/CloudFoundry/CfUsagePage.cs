namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>A page of Cloud Foundry v3 <c>GET /v3/app_usage_events</c>, exactly as the Cloud Controller returns it.</summary>
public sealed record CfUsagePage(CfPagination? Pagination, IReadOnlyList<CfUsageEvent>? Resources);
