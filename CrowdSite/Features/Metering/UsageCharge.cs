namespace CrowdSite.Features.Metering;

/// <summary>One charge as the platform's metering reports it (DESIGN §6). Everything is optional here so that missing fields get named errors.</summary>
public sealed record UsageCharge(
    string? Id, string? Project, string? CommitSha, string? Resource, double? Quantity, string? Unit, long? Amount,
    string? Currency, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd);
