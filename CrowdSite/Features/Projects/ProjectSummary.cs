using CrowdSite.Features.Ledger;

namespace CrowdSite.Features.Projects;

/// <summary>A project with its figures, as lists and pages show it.</summary>
public sealed record ProjectSummary(Project Project, FundingFigures Figures);
