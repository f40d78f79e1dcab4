using System.Text.Json.Serialization;

namespace CrowdSite.Features.Metering.CloudFoundry;

public sealed record CfPagination([property: JsonPropertyName("total_results")] int TotalResults);
