using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Alerts;

/// <summary>
/// Compares each project's runway with what it saw last time (<see cref="RunwayWatch"/>) and records a
/// <see cref="FundingAlert"/> when the runway falls under 60, 30 or 7 days or the project becomes sustainable,
/// with one outbox message per confirmed follower who wants runway alerts, in the same database transaction.
/// A threshold alerts once, and again only after the runway went back to it or above.
/// </summary>
public sealed class RunwayWatcher(IDbContextFactory<CrowdSiteDbContext> dbFactory, FiguresService figures, DatabaseLocks locks, TimeProvider time)
{
    public const string LockName = "runway-alerts";

    /// <summary>Downwards crossings that alert, highest first.</summary>
    public static readonly int[] Thresholds = [60, 30, 7];

    /// <summary>The lowest threshold the runway is under (runway &lt; T); null when above them all or sustainable.</summary>
    public static int? BelowOf(int? runwayDays) =>
        runwayDays is { } days ? Thresholds.Where(t => days < t).Select(t => (int?)t).LastOrDefault() : null;

    /// <summary>Looks at every active project once; returns the alerts it recorded.</summary>
    public async Task<IReadOnlyList<FundingAlert>> CheckAsync(CancellationToken ct = default)
    {
        // One watcher at a time, on every instance: two would both see the same crossing.
        await using var turn = await locks.AcquireAsync(LockName, ct);
        return await CheckHoldingLockAsync(ct);
    }

    /// <summary>For the job, which holds <see cref="LockName"/> already.</summary>
    internal async Task<IReadOnlyList<FundingAlert>> CheckHoldingLockAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projects = await db.Projects.AsNoTracking().Where(p => p.Status != ProjectStatus.Archived)
            .Select(p => new { p.Id, p.Currency }).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var watches = await db.RunwayWatches.ToDictionaryAsync(w => w.ProjectId, ct);
        var recorded = new List<FundingAlert>();
        foreach (var group in projects.GroupBy(p => p.Currency))
        {
            var current = await figures.ForProjectsAsync(group.Select(p => p.Id).ToList(), group.Key, ct);
            foreach (var (projectId, funding) in current)
            {
                var below = BelowOf(funding.RunwayDays);
                if (!watches.TryGetValue(projectId, out var watch))
                {
                    // First sight (a new project, or the first start with alerts): the state as it is, no alert.
                    db.RunwayWatches.Add(new RunwayWatch { ProjectId = projectId, Below = below, Sustainable = funding.Sustainable, CheckedAt = now });
                    continue;
                }

                if (Crossed(watch, below, funding.Sustainable) is { } alert)
                {
                    var recordedAlert = new FundingAlert
                    {
                        ProjectId = projectId, Kind = alert, Threshold = alert == FundingAlertKind.RunwayBelow ? below : null,
                        RunwayDays = funding.RunwayDays, At = now,
                    };
                    db.FundingAlerts.Add(recordedAlert);
                    recorded.Add(recordedAlert);
                }

                (watch.Below, watch.Sustainable, watch.CheckedAt) = (below, funding.Sustainable, now);
            }
        }

        if (recorded.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return recorded;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct); // the alerts get their ids
        foreach (var alert in recorded)
        {
            await AlertOutbox.QueueFundingAlertAsync(db, alert, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return recorded;
    }

    /// <summary>
    /// A new, lower threshold alerts (70 → 25 days alerts "under 30" once, and 60 is spent with it); becoming
    /// sustainable alerts. Going back up only rearms: the state simply follows the runway.
    /// </summary>
    public static FundingAlertKind? Crossed(RunwayWatch before, int? below, bool sustainable)
    {
        if (below is { } now && (before.Below is null || now < before.Below))
        {
            return FundingAlertKind.RunwayBelow;
        }

        return sustainable && !before.Sustainable ? FundingAlertKind.Sustainable : null;
    }
}
