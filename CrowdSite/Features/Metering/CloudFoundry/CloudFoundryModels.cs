using System.Text.Json.Serialization;

namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>A page of Cloud Foundry v3 <c>GET /v3/app_usage_events</c>, exactly as the Cloud Controller returns it.</summary>
public sealed record CfUsagePage(CfPagination? Pagination, IReadOnlyList<CfUsageEvent>? Resources);

public sealed record CfPagination([property: JsonPropertyName("total_results")] int TotalResults);

public sealed record CfUsageEvent(
    string? Guid,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    CfState? State,
    CfRef? App,
    CfProcess? Process,
    CfRef? Task,
    [property: JsonPropertyName("memory_in_mb_per_instance")] CfChange? MemoryInMbPerInstance,
    [property: JsonPropertyName("instance_count")] CfChange? InstanceCount);

public sealed record CfState(string? Current, string? Previous);

public sealed record CfRef(string? Guid, string? Name);

public sealed record CfProcess(string? Guid, string? Type);

public sealed record CfChange(long? Current, long? Previous);
