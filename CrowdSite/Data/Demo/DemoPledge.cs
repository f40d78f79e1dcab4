namespace CrowdSite.Data.Demo;

/// <summary>A demo pledge: monthly amount, the day (from the demo's start) it began and maybe ended.</summary>
internal sealed record DemoPledge(string? PublicName, long Monthly, int StartDay, int? EndDay = null);
