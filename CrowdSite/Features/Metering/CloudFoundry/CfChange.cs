namespace CrowdSite.Features.Metering.CloudFoundry;

public sealed record CfChange(long? Current, long? Previous);
