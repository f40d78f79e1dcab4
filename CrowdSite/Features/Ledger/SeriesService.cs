using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger;

/// <summary>Chart data from the day rollups: reads only the requested range (plus one sum for the balance after it).</summary>
public sealed class SeriesService(IDbContextFactory<CrowdSiteDbContext> dbFactory)
{
    public async Task<Series> GetAsync(
        int projectId, string currency, SeriesMetric metric, SeriesInterval interval, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var days = await db.ProjectDays.AsNoTracking()
            .Where(d => d.ProjectId == projectId && d.Day >= from && d.Day <= to)
            .ToDictionaryAsync(d => d.Day, ct);
        var points = metric switch
        {
            SeriesMetric.Cost => await CostAsync(db, projectId, days, interval, from, to, ct),
            SeriesMetric.Donations => Buckets(interval, from, to).Select(b => new SeriesPoint(b.Start, Sum(days, b, d => d.Donated))).ToList(),
            _ => await BalanceAsync(db, projectId, days, interval, from, to, ct),
        };
        return new Series(metric, interval, currency, from, to, points);
    }

    private static async Task<List<SeriesPoint>> CostAsync(CrowdSiteDbContext db, int projectId, Dictionary<DateOnly, ProjectDay> days,
        SeriesInterval interval, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var resources = await db.ProjectResourceDays.AsNoTracking()
            .Where(d => d.ProjectId == projectId && d.Day >= from && d.Day <= to)
            .ToListAsync(ct);
        return Buckets(interval, from, to).Select(b =>
        {
            var byResource = resources.Where(r => r.Day >= b.Start && r.Day <= b.End)
                .GroupBy(r => r.Resource)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => -g.Sum(r => r.Charged));
            return new SeriesPoint(b.Start, -Sum(days, b, d => d.Charged), byResource);
        }).ToList();
    }

    private static async Task<List<SeriesPoint>> BalanceAsync(CrowdSiteDbContext db, int projectId, Dictionary<DateOnly, ProjectDay> days,
        SeriesInterval interval, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var current = await db.AccountBalances.Where(b => b.Account == Accounts.Project(projectId)).Select(b => b.Balance).FirstOrDefaultAsync(ct);
        var after = await db.ProjectDays.Where(d => d.ProjectId == projectId && d.Day > to).SumAsync(d => d.Net, ct);
        var balance = current - after; // the balance at the end of `to`
        var points = new List<SeriesPoint>();
        foreach (var bucket in Buckets(interval, from, to).Reverse())
        {
            points.Add(new SeriesPoint(bucket.Start, balance));
            balance -= Sum(days, bucket, d => d.Net);
        }

        points.Reverse();
        return points;
    }

    private static long Sum(Dictionary<DateOnly, ProjectDay> days, (DateOnly Start, DateOnly End) bucket, Func<ProjectDay, long> value)
    {
        var total = 0L;
        for (var day = bucket.Start; day <= bucket.End; day = day.AddDays(1))
        {
            if (days.TryGetValue(day, out var row))
            {
                total += value(row);
            }
        }

        return total;
    }

    /// <summary>Consecutive buckets covering [from, to]: days, ISO weeks (from Monday) or calendar months, clipped to the range.</summary>
    public static IEnumerable<(DateOnly Start, DateOnly End)> Buckets(SeriesInterval interval, DateOnly from, DateOnly to)
    {
        for (var start = from; start <= to;)
        {
            var next = interval switch
            {
                SeriesInterval.Day => start.AddDays(1),
                SeriesInterval.Week => start.AddDays(7 - ((int)start.DayOfWeek + 6) % 7),
                _ => new DateOnly(start.Year, start.Month, 1).AddMonths(1),
            };
            var end = next.AddDays(-1) < to ? next.AddDays(-1) : to;
            yield return (start, end);
            start = next;
        }
    }
}
