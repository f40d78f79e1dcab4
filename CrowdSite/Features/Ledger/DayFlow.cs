namespace CrowdSite.Features.Ledger;

/// <summary>One project-day as the runway model reads it: what it cost, its one-time gifts, and its change of balance.</summary>
public readonly record struct DayFlow(DateOnly Day, long Cost, long OneTime, long Net = 0);
