namespace CrowdSite.Features.Metering.CloudFoundry;

public sealed record CfRef(string? Guid, string? Name);
