using CrowdSite.Features.Ledger;

namespace CrowdSite.Features.Projects;

/// <summary>A project as a card shows it.</summary>
public sealed record ProjectCardModel(Project Project, FundingFigures Figures, int Backers);
