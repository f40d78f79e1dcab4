using CrowdSite.Components.Charts;
using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Platform;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.FreeTier;

/// <summary>Reads the free-tier pot from its ledger account.</summary>
public sealed class PotService(IDbContextFactory<CrowdSiteDbContext> dbFactory, TimeProvider time, IOptions<PlatformOptions> platform)
{
    public async Task<PotSummary> SummaryAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var byKind = await db.LedgerEntries.Where(e => e.Account == Accounts.Pot).GroupBy(e => e.CountsAs)
            .Select(g => new { Kind = g.Key, Sum = g.Sum(e => e.Amount) }).ToDictionaryAsync(x => x.Kind, x => x.Sum, ct);
        // Refunded shares leave the pot: they count against what was contributed.
        var contributed = byKind.GetValueOrDefault(LedgerKind.PotContribution) + byKind.GetValueOrDefault(LedgerKind.Refund);
        var granted = -byKind.GetValueOrDefault(LedgerKind.Grant);
        var grants = await (from g in db.PotGrants.AsNoTracking()
                            join p in db.Projects on g.ProjectId equals p.Id
                            orderby g.Month descending, p.Name
                            select new { g.Month, p.Slug, p.Name, g.Charged, g.Owed, g.Granted }).ToListAsync(ct);
        return new PotSummary(platform.Value.Currency, contributed - granted, contributed, granted, await DonorsAsync(db, ct),
            grants.Select(g => new PotGrantView(g.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), g.Slug, g.Name, g.Charged, g.Owed, g.Granted)).ToList());
    }

    /// <summary>Monthly money into and out of the pot over the last year, for the chart.</summary>
    public async Task<IReadOnlyList<ChartSeries>> MonthlyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = time.UtcToday();
        var from = PotAllocation.FirstOfMonth(today).AddMonths(-11);
        var since = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.Account == Accounts.Pot && e.At >= since)
            .Select(e => new { e.At, e.CountsAs, e.Amount }).ToListAsync(ct);
        var months = Enumerable.Range(0, 12).Select(i => from.AddMonths(i)).ToList();
        long Sum(DateOnly month, Func<LedgerKind, bool> kind, int sign) => sign * entries
            .Where(e => e.At.Year == month.Year && e.At.Month == month.Month && kind(e.CountsAs)).Sum(e => e.Amount);
        return
        [
            new ChartSeries("Contributions", months.Select(m => new ChartPoint(m, Sum(m, k => k is LedgerKind.PotContribution or LedgerKind.Refund, 1))).ToList()),
            new ChartSeries("Grants", months.Select(m => new ChartPoint(m, Sum(m, k => k == LedgerKind.Grant, -1))).ToList()),
        ];
    }

    public async Task<IReadOnlyList<Project>> FreeTierProjectsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatus.FreeTier).OrderBy(p => p.Name).ToListAsync(ct);
    }

    /// <summary>People who sent the pot a share, counted like backers.</summary>
    private static Task<int> DonorsAsync(CrowdSiteDbContext db, CancellationToken ct) =>
        BackerCounts.CountAsync(db.Donations.Given().Where(d => d.PotShare > 0), ct);
}
