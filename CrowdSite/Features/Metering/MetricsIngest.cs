using CrowdSite.Data;
using CrowdSite.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Metering;

/// <summary>One project's usage on one day (POST /api/v1/metrics). Everything optional here so that missing fields get named errors.</summary>
public sealed record MetricItem(string? Project, string? Day, long? ActiveUsers, long? Requests);

public sealed record MetricsBatch(IReadOnlyList<MetricItem>? Metrics);

/// <summary>How many days were new, replaced with other figures, or reported again unchanged.</summary>
public sealed record MetricsResult(int Created, int Replaced, int Unchanged);

/// <summary>
/// Records usage figures all or nothing, idempotent per project and day: a later value for a day replaces the earlier one
/// (usage, not money: nothing in the books depends on it, so a replace is honest). Pages of the projects touched move on live.
/// </summary>
public sealed class MetricsIngest(IDbContextFactory<CrowdSiteDbContext> dbFactory, ILiveUpdates live, TimeProvider time)
{
    private static readonly DateOnly Earliest = new(2000, 1, 1);

    public async Task<(MetricsResult? Result, Dictionary<string, string[]> Errors)> IngestAsync(IReadOnlyList<MetricItem> items, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var slugs = items.Select(i => i.Project).OfType<string>().Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, p => p.Id, ct);
        var (valid, errors) = Validate(items, projects, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // The later item wins within a batch too.
        var latest = valid.GroupBy(v => (v.ProjectId, v.Day)).Select(g => g.Last()).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await WriteAsync(db, latest, ct);
                foreach (var id in latest.Select(v => v.ProjectId).Distinct())
                {
                    live.Publish(LiveTopic.Project(id));
                }

                return (result, errors);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another batch inserted one of these days first: read again, then it is a replace.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<MetricsResult> WriteAsync(CrowdSiteDbContext db, List<(int ProjectId, DateOnly Day, long Users, long Requests)> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.ProjectId).Distinct().ToList();
        var (from, to) = (items.Min(i => i.Day), items.Max(i => i.Day));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.ProjectMetrics.Where(m => ids.Contains(m.ProjectId) && m.Day >= from && m.Day <= to)
            .ToDictionaryAsync(m => (m.ProjectId, m.Day), ct);
        var (created, replaced, unchanged) = (0, 0, 0);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (projectId, day, users, requests) in items)
        {
            if (!stored.TryGetValue((projectId, day), out var row))
            {
                db.ProjectMetrics.Add(new ProjectMetric { ProjectId = projectId, Day = day, ActiveUsers = users, Requests = requests, ReportedAt = now });
                created++;
            }
            else if (row.ActiveUsers == users && row.Requests == requests)
            {
                unchanged++;
            }
            else
            {
                (row.ActiveUsers, row.Requests, row.ReportedAt) = (users, requests, now);
                replaced++;
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MetricsResult(created, replaced, unchanged);
    }

    private static (List<(int ProjectId, DateOnly Day, long Users, long Requests)>, Dictionary<string, string[]>) Validate(
        IReadOnlyList<MetricItem> items, Dictionary<string, int> projects, DateOnly today)
    {
        var valid = new List<(int, DateOnly, long, long)>();
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"metrics[{i}]";
            var projectId = item.Project is { } slug && projects.TryGetValue(slug, out var id) ? id : (int?)null;
            if (projectId is null)
            {
                errors[$"{at}.project"] = [item.Project is null ? "project is required (the project's slug)." : MeteringMessages.UnknownProject(item.Project)];
            }

            var day = DateOnly.TryParseExact(item.Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
            if (day is null)
            {
                errors[$"{at}.day"] = ["day is required as a UTC date, YYYY-MM-DD."];
            }
            else if (day < Earliest || day > today)
            {
                errors[$"{at}.day"] = [$"day must be between {Earliest:yyyy-MM-dd} and today ({today:yyyy-MM-dd}, UTC)."];
            }

            if (item.ActiveUsers is not >= 0)
            {
                errors[$"{at}.activeUsers"] = ["activeUsers is required: the app's 30-day active users as of that day, a whole number ≥ 0."];
            }

            if (item.Requests is not >= 0)
            {
                errors[$"{at}.requests"] = ["requests is required: that day's requests, a whole number ≥ 0."];
            }

            if (projectId is { } p && day is { } ok && item.ActiveUsers is >= 0 && item.Requests is >= 0)
            {
                valid.Add((p, ok, item.ActiveUsers.Value, item.Requests.Value));
            }
        }

        return (valid, errors);
    }
}
