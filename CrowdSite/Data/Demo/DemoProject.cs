using CrowdSite.Features.Projects;

namespace CrowdSite.Data.Demo;

/// <summary>
/// One demo project. Costs are cents a day per resource; the final balance is steered to
/// <see cref="TargetRunwayDays"/> (or to <see cref="HealthyBalance"/> when donations cover costs).
/// </summary>
internal sealed record DemoProject(
    string Slug,
    string Name,
    string Repository,
    string Tagline,
    string Category,
    ProjectStatus Status,
    string Description,
    IReadOnlyDictionary<string, long> DailyCost,
    IReadOnlyList<DemoPledge> Pledges,
    int OneTimeGiftsPerMonth,
    int? TargetRunwayDays,
    long HealthyBalance,
    string? WebsiteUrl = null);
