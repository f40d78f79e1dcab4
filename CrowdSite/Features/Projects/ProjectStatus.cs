namespace CrowdSite.Features.Projects;

public enum ProjectStatus
{
    Active,
    FreeTier,
    Paused,
    Archived,
}
