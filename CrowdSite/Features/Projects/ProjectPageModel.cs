using CrowdSite.Components.Charts;
using CrowdSite.Features.Ledger;

namespace CrowdSite.Features.Projects;

/// <summary>One compute charge as the project page lists it, with the commit that was running.</summary>
public sealed record ChargeRow(
    long Id, DateTime PeriodStart, DateTime PeriodEnd, string Resource, double Quantity, string Unit, long Amount, string Currency,
    string Sha, string CommitUrl, string? CommitMessage, bool Verified, bool VerificationFailed, string? DeployHref = null)
{
    public string ShortSha => Sha[..7];

    public string? MessageFirstLine => CommitMessage?.Split('\n', 2)[0];
}

/// <summary>
/// A donor who chose to be named, with what they gave when they chose to show it (<see cref="Total"/> counts only gifts
/// shown with their amount; null when every gift under the name is "name only").
/// </summary>
public sealed record Backer(string Name, long? Total, bool Monthly);

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

/// <summary>A maintainers' update as the page shows it (body already rendered safely).</summary>
public sealed record UpdateView(int Id, string Title, string AuthorName, DateTime PublishedAt, string BodyHtml);
