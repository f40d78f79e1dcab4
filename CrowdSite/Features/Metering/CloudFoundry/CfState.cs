namespace CrowdSite.Features.Metering.CloudFoundry;

public sealed record CfState(string? Current, string? Previous);
