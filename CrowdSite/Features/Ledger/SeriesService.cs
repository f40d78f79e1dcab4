using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger;

/// <summary>Chart data from the day rollups: reads only the requested range (plus one sum for the balance after it).</summary>
public sealed class SeriesService(IDbContextFactory<CrowdSiteDbContext> dbFactory)
{
    public async Task<Series> GetAsync(
        int projectId, string currency, SeriesMetric metric, SeriesInterval interval, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        (await ReadAsync(projectId, currency, from, to, [metric], ct)).Get(metric, interval, from);

    /// <summary>The rows the given metrics need over [from, to], read once for all the series drawn from them.</summary>
    public async Task<SeriesRows> ReadAsync(
        int projectId, string currency, DateOnly from, DateOnly to, IReadOnlyCollection<SeriesMetric> metrics, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var days = await db.ProjectDays.AsNoTracking()
            .Where(d => d.ProjectId == projectId && d.Day >= from && d.Day <= to)
            .ToDictionaryAsync(d => d.Day, ct);
        var resources = metrics.Contains(SeriesMetric.Cost)
            ? await db.ProjectResourceDays.AsNoTracking().Where(d => d.ProjectId == projectId && d.Day >= from && d.Day <= to).ToListAsync(ct)
            : [];
        var balanceAtEnd = metrics.Contains(SeriesMetric.Balance) ? await BalanceAtEndOfAsync(db, projectId, to, ct) : 0;
        return new SeriesRows(currency, to, days, resources, balanceAtEnd);
    }

    private static async Task<long> BalanceAtEndOfAsync(CrowdSiteDbContext db, int projectId, DateOnly to, CancellationToken ct)
    {
        var current = await db.AccountBalances.Where(b => b.Account == Accounts.Project(projectId)).Select(b => b.Balance).FirstOrDefaultAsync(ct);
        var after = await db.ProjectDays.Where(d => d.ProjectId == projectId && d.Day > to).SumAsync(d => d.Net, ct);
        return current - after;
    }
}
