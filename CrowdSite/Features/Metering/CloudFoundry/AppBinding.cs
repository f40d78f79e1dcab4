namespace CrowdSite.Features.Metering.CloudFoundry;

public sealed record AppBinding(IReadOnlyList<string>? AppGuids);
