using CrowdSite.Components.Charts;
using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects.Deploys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Projects.Usage;

/// <summary>Reads what the page's usage and deploys sections need: bounded reads of the day rollups, the metrics and the deployments.</summary>
public sealed class ProjectUsageReader(IDbContextFactory<CrowdSiteDbContext> dbFactory, TimeProvider time, IOptions<DonationOptions> donations)
{
    /// <summary>How many of the newest deployments a project lists.</summary>
    public const int MaxDeploys = 100;

    public const int TrendPoints = 13;

    public FeeSchedule Fees => donations.Value.Fees;

    /// <summary>The newest deployments' costs, newest first.</summary>
    public async Task<IReadOnlyList<DeployCost>> DeploysAsync(Project project, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = (await db.Deployments.AsNoTracking().Where(d => d.ProjectId == project.Id)
            .OrderByDescending(d => d.StartedAt).Take(MaxDeploys)
            .Select(d => new DeployRun(d.Id, d.Commit!.Sha, d.Commit.Repository, d.Commit.Message, d.StartedAt, d.EndedAt))
            .ToListAsync(ct)).OrderBy(r => r.StartedAt).ToList();
        if (runs.Count == 0)
        {
            return [];
        }

        var since = DateOnly.FromDateTime(runs[0].StartedAt);
        var costs = await db.ProjectDays.AsNoTracking().Where(d => d.ProjectId == project.Id && d.Day >= since && d.Charged != 0)
            .Select(d => new { d.Day, d.Charged }).ToDictionaryAsync(d => d.Day, d => -d.Charged, ct);
        var requests = await db.ProjectMetrics.AsNoTracking().Where(m => m.ProjectId == project.Id && m.Day >= since)
            .Select(m => new { m.Day, m.Requests }).ToDictionaryAsync(m => m.Day, m => m.Requests, ct);
        return DeployCosts.Compute(runs, costs, requests, time.GetUtcNow().UtcDateTime, project.Currency);
    }

    /// <summary>Active users, cost per active user and its trend over the year, and the calculator at the presets.</summary>
    public async Task<UsageFigures> UsageAsync(Project project, FundingFigures figures, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var since = today.AddDays(-30 * (TrendPoints - 1) - 60);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.ProjectMetrics.AsNoTracking().Where(m => m.ProjectId == project.Id && m.Day >= since && m.Day <= today)
            .OrderBy(m => m.Day).Select(m => new { m.Day, m.ActiveUsers }).ToListAsync(ct);
        var costs = await db.ProjectDays.AsNoTracking().Where(d => d.ProjectId == project.Id && d.Day >= since && d.Day <= today && d.Charged != 0)
            .Select(d => new { d.Day, d.Charged }).ToDictionaryAsync(d => d.Day, d => -d.Charged, ct);

        long? UsersAt(DateOnly day) => users.LastOrDefault(u => u.Day <= day && u.Day > day.AddDays(-30))?.ActiveUsers;
        var latest = users.LastOrDefault(u => u.Day > today.AddDays(-30));
        var trend = new List<ChartPoint>();
        var firstCharged = costs.Count > 0 ? costs.Keys.Min() : today;
        for (var i = TrendPoints - 1; i >= 0; i--)
        {
            var end = today.AddDays(-30 * i);
            if (end.AddDays(-29) < firstCharged)
            {
                continue; // a window reaching back before the first charge would understate its month
            }

            var cost = Enumerable.Range(0, 30).Sum(back => costs.GetValueOrDefault(end.AddDays(-back)));
            trend.Add(new ChartPoint(end, Sustainability.CostPerActiveUser(cost, UsersAt(end))));
        }

        var activeUsers = latest?.ActiveUsers;
        return new UsageFigures(
            activeUsers, latest?.Day, Sustainability.CostPerActiveUser(figures.MonthlyCost, activeUsers),
            trend.Any(p => p.Amount is not null) ? [new ChartSeries("Cost per active user", trend)] : [],
            Sustainability.Presets
                .Select(gift => Sustainability.Compute(project.Name, gift, figures.MonthlyCost, figures.Shortfall, activeUsers, figures.Currency, Fees))
                .OfType<BreakEven>().ToList());
    }
}
