namespace CrowdSite.Features.Metering;

public sealed record UsageResult(int Recorded, int Duplicates, IReadOnlyList<UsageItemResult> Items);
