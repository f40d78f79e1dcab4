namespace CrowdSite.Features.Metering;

public sealed record UsageBatch(IReadOnlyList<UsageCharge>? Charges);
