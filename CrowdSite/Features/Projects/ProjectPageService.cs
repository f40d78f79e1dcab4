using CrowdSite.Components.Charts;
using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Infrastructure.Markdown;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Projects;

/// <summary>Reads a project page's model: figures, chart series, recent charges and backers.</summary>
public sealed class ProjectPageService(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    ProjectDirectory directory,
    FiguresService figures,
    SeriesService series,
    MarkdownRenderer markdown,
    ProjectPageCache cache,
    Maintainers.MaintainerService maintainers,
    Usage.ProjectUsageReader usage)
{
    public const int ChartDays = 365;
    public const int RecentChargeCount = 20;
    public const int ProjectionMaxDays = 180;

    /// <summary>The page's model, from memory unless the ledger changed since it was read.</summary>
    public Task<ProjectPageModel?> LoadAsync(string slug, CancellationToken ct = default) =>
        cache.GetOrLoadAsync(slug, () => ReadAsync(slug, ct));

    private async Task<ProjectPageModel?> ReadAsync(string slug, CancellationToken ct)
    {
        if (await directory.SummaryAsync(slug, ct) is not { } summary)
        {
            return null;
        }

        var (project, funding) = (summary.Project, summary.Figures);
        var to = figures.Today;
        var from = to.AddDays(-(ChartDays - 1));
        var rows = await series.ReadAsync(project.Id, project.Currency, from, to, [SeriesMetric.Cost, SeriesMetric.Balance], ct);
        var cost = rows.Get(SeriesMetric.Cost, SeriesInterval.Week, from);
        var monthStart = new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var donations = rows.Get(SeriesMetric.Donations, SeriesInterval.Month, monthStart);
        var monthlyCost = rows.Get(SeriesMetric.Cost, SeriesInterval.Month, monthStart);
        var balance = rows.Get(SeriesMetric.Balance, SeriesInterval.Day, from);
        var (backers, backerCount) = await BackersAsync(project.Id, ct);
        var deploys = await usage.DeploysAsync(project, ct);

        return new ProjectPageModel(
            project, funding, await figures.TotalsAsync(project.Id, ct),
            CostByResource(cost),
            [Named("Donations", donations), Named("Compute cost", monthlyCost)],
            BalanceWithProjection(balance, funding),
            WithDeployLinks(project.Slug, await RecentChargesAsync(project, ct), deploys),
            backers, backerCount,
            markdown.ToSafeHtml(project.Description),
            (await maintainers.UpdatesAsync(project.Id, 10, ct))
                .Select(u => new UpdateView(u.Id, u.Title, u.AuthorName, u.PublishedAt, markdown.ToSafeHtml(u.Body))).ToList(),
            deploys, await usage.UsageAsync(project, funding, ct));
    }

    /// <summary>A charge whose commit has a deployment card links to it.</summary>
    private static List<ChargeRow> WithDeployLinks(string slug, List<ChargeRow> charges, IReadOnlyList<Deploys.DeployCost> deploys)
    {
        // The page's <base href="/"> would send a bare "#fragment" home: the path goes with it.
        var deployed = deploys.Select(d => d.CommitSha).ToHashSet(StringComparer.Ordinal);
        return charges.Select(c => deployed.Contains(c.Sha) ? c with { DeployHref = $"/p/{slug}#{Deploys.DeployCost.AnchorOf(c.Sha)}" } : c).ToList();
    }

    private static List<ChartSeries> CostByResource(Series cost)
    {
        var resources = cost.Points.SelectMany(p => p.ByResource?.Keys ?? []).Distinct().Order(StringComparer.Ordinal);
        return resources.Select(r => new ChartSeries(
            char.ToUpperInvariant(r[0]) + r[1..],
            cost.Points.Select(p => new ChartPoint(p.Start, p.ByResource?.GetValueOrDefault(r) ?? 0)).ToList())).ToList();
    }

    private static ChartSeries Named(string name, Series series) =>
        new(name, series.Points.Select(p => new ChartPoint(p.Start, p.Amount)).ToList());

    /// <summary>The balance so far, and a dashed projection by the runway's model: down to zero on the funded-until date, or onwards while sustainable.</summary>
    private static List<ChartSeries> BalanceWithProjection(Series balance, FundingFigures funding)
    {
        var history = balance.Points.Select(p => new ChartPoint(p.Start, p.Amount)).ToList();
        var today = balance.To;
        var days = funding.RunwayDays is { } runway ? Math.Min(runway, ProjectionMaxDays) : 90;
        var projection = new List<ChartPoint>();
        for (var d = 0; d <= days; d += Math.Max(1, days / 30))
        {
            var projected = funding.ProjectedBalance(d);
            projection.Add(new ChartPoint(today.AddDays(d), funding.Sustainable ? projected : Math.Max(projected, 0)));
        }

        if (funding.RunwayDays is { } end && end <= ProjectionMaxDays && projection[^1].Day != today.AddDays(end))
        {
            projection.Add(new ChartPoint(today.AddDays(end), 0));
        }

        return [new("Balance", history), new("Projection", projection)];
    }

    private async Task<List<ChargeRow>> RecentChargesAsync(Project project, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Charges.AsNoTracking()
            .Where(c => c.ProjectId == project.Id)
            .OrderByDescending(c => c.Id)
            .Take(RecentChargeCount)
            .Select(c => new ChargeRow(
                c.Id, c.PeriodStart, c.PeriodEnd, c.Resource, c.Quantity, c.Unit, c.Amount, c.Currency, c.Commit!.Sha,
                Commit.UrlOf(c.Commit.Repository, c.Commit.Sha), c.Commit.Message,
                c.Commit.VerifiedAt != null, c.Commit.VerificationFailedAt != null))
            .ToListAsync(ct);
    }

    private async Task<(List<Backer>, int)> BackersAsync(int projectId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var named = await db.Donations.AsNoTracking().Given()
            .Where(d => d.ProjectId == projectId && d.PublicName != null && d.Visibility != DonorVisibility.Anonymous)
            .GroupBy(d => d.PublicName!)
            .Select(g => new
            {
                Name = g.Key,
                Shown = g.Sum(d => d.Visibility == DonorVisibility.NameAndAmount ? d.Amount : 0),
                AnyShown = g.Any(d => d.Visibility == DonorVisibility.NameAndAmount),
                Monthly = g.Any(d => d.Recurring),
            })
            .ToListAsync(ct);
        var count = (await BackerCounts.ForProjectsAsync(db, [projectId], ct)).GetValueOrDefault(projectId);
        // Names shown without amounts come after the amounts, by name: ordering them by what they gave would tell it.
        var backers = named.Select(b => new Backer(b.Name, b.AnyShown ? b.Shown : null, b.Monthly))
            .OrderBy(b => b.Total is null).ThenByDescending(b => b.Total).ThenBy(b => b.Name, StringComparer.Ordinal)
            .Take(24).ToList();
        return (backers, count);
    }
}
