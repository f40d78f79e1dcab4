namespace CrowdSite.Features.Ledger;

/// <summary>
/// One project's day rollups over a range, read once: every series of that range is drawn from them (the project
/// page draws four, and used to read the same year of rows four times for it).
/// </summary>
public sealed class SeriesRows(
    string currency, DateOnly to, IReadOnlyDictionary<DateOnly, ProjectDay> days, IReadOnlyList<ProjectResourceDay> resources, long balanceAtEnd)
{
    /// <summary>A series from <paramref name="from"/> to the rows' end; <paramref name="from"/> must lie inside the rows read.</summary>
    public Series Get(SeriesMetric metric, SeriesInterval interval, DateOnly from)
    {
        var points = metric switch
        {
            SeriesMetric.Cost => Cost(interval, from),
            SeriesMetric.Donations => Buckets(interval, from, to).Select(b => new SeriesPoint(b.Start, Sum(b, d => d.Donated))).ToList(),
            _ => Balance(interval, from),
        };
        return new Series(metric, interval, currency, from, to, points);
    }

    private List<SeriesPoint> Cost(SeriesInterval interval, DateOnly from) =>
        Buckets(interval, from, to).Select(b =>
        {
            var byResource = resources.Where(r => r.Day >= b.Start && r.Day <= b.End)
                .GroupBy(r => r.Resource)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => -g.Sum(r => r.Charged));
            return new SeriesPoint(b.Start, -Sum(b, d => d.Charged), byResource);
        }).ToList();

    private List<SeriesPoint> Balance(SeriesInterval interval, DateOnly from)
    {
        var balance = balanceAtEnd;
        var points = new List<SeriesPoint>();
        foreach (var bucket in Buckets(interval, from, to).Reverse())
        {
            points.Add(new SeriesPoint(bucket.Start, balance));
            balance -= Sum(bucket, d => d.Net);
        }

        points.Reverse();
        return points;
    }

    private long Sum((DateOnly Start, DateOnly End) bucket, Func<ProjectDay, long> value)
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
