namespace CrowdSite.Features.Metering.CloudFoundry;

public sealed record CfImportOutcome(CfImportResult? Result, IReadOnlyDictionary<string, string[]> Errors);
