using CrowdSite.Components.Charts;
using CrowdSite.Features.Projects;

namespace CrowdSite.Features.FreeTier.Live;

/// <summary>What the free-tier page shows.</summary>
public sealed record PotPageModel(PotSummary Summary, IReadOnlyList<ChartSeries> Monthly, IReadOnlyList<Project> Projects);
