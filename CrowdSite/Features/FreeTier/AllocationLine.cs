namespace CrowdSite.Features.FreeTier;

/// <summary>One line of an allocation: what a free-tier project was charged in the month, what it is owed (capped), what it gets.</summary>
public sealed record AllocationLine(int ProjectId, string Slug, string Name, long Charged, long Owed, long Grant);
