namespace CrowdSite.Features.Metering;

public sealed record UsageItemResult(string Id, string Status, long TransactionId);
