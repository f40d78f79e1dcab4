namespace CrowdSite.Features.Projects;

public enum ProjectSort
{
    /// <summary>Shortest runway first: who needs money soonest.</summary>
    Runway,
    Cost,
    Backers,
    Newest,
}
