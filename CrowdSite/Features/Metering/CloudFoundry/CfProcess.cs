namespace CrowdSite.Features.Metering.CloudFoundry;

public sealed record CfProcess(string? Guid, string? Type);
