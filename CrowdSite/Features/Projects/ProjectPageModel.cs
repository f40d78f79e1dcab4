using CrowdSite.Components.Charts;
using CrowdSite.Features.Ledger;

namespace CrowdSite.Features.Projects;

/// <summary>Everything the project page shows, read in one go and refreshed whole when the ledger changes.</summary>
public sealed record ProjectPageModel(
    Project Project,
    FundingFigures Figures,
    FundingTotals Totals,
    IReadOnlyList<ChartSeries> CostByResource,
    IReadOnlyList<ChartSeries> DonationsAgainstCost,
    IReadOnlyList<ChartSeries> BalanceWithProjection,
    IReadOnlyList<ChargeRow> RecentCharges,
    IReadOnlyList<Backer> Backers,
    int BackerCount,
    string DescriptionHtml,
    IReadOnlyList<UpdateView> Updates,
    IReadOnlyList<Deploys.DeployCost> Deploys,
    Usage.UsageFigures Usage);
