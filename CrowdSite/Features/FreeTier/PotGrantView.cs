namespace CrowdSite.Features.FreeTier;

public sealed record PotGrantView(string Month, string Project, string ProjectName, long Charged, long Owed, long Granted);
