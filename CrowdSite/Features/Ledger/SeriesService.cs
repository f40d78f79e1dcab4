using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger;

public enum SeriesMetric
{
    Cost,
    Donations,
    Balance,
}

public enum SeriesInterval
{
    Day,
    Week,
    Month,
}

/// <summary>
/// One point of a chart: the bucket starting at <see cref="Start"/>. For cost and donations the amount
/// is that bucket's total; for balance, the balance at the bucket's end.
/// </summary>
public sealed record SeriesPoint(DateOnly Start, long Amount, IReadOnlyDictionary<string, long>? ByResource = null);

public sealed record Series(SeriesMetric Metric, SeriesInterval Interval, string Currency, DateOnly From, DateOnly To, IReadOnlyList<SeriesPoint> Points);

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
