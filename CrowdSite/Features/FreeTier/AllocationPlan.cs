namespace CrowdSite.Features.FreeTier;

public sealed record AllocationPlan(DateOnly Month, string Currency, long PotBalance, long TotalOwed, long TotalGranted, bool ProRata, bool AlreadyAllocated,
    IReadOnlyList<AllocationLine> Lines);
