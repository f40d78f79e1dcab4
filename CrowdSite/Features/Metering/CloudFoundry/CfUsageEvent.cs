using System.Text.Json.Serialization;

namespace CrowdSite.Features.Metering.CloudFoundry;

public sealed record CfUsageEvent(
    string? Guid,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    CfState? State,
    CfRef? App,
    CfProcess? Process,
    CfRef? Task,
    [property: JsonPropertyName("memory_in_mb_per_instance")] CfChange? MemoryInMbPerInstance,
    [property: JsonPropertyName("instance_count")] CfChange? InstanceCount);
