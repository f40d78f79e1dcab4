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
        var now = time.GetUtcNow().UtcDateTime;
        var crossings = await FindCrossingsAsync(db, now, ct);
        await db.SaveChangesAsync(ct);
        var recorded = new List<FundingAlert>();
        foreach (var crossing in crossings)
        {
            if (await RecordAsync(db, crossing.Alert, crossing.Before, crossing.Below, crossing.Sustainable, now, ct))
            {
                recorded.Add(crossing.Alert);
            }
        }

        return recorded;
    }

    /// <summary>Every active project's runway against its watch: the crossings to record; the watches' quiet changes are left to save.</summary>
    private async Task<List<Crossing>> FindCrossingsAsync(CrowdSiteDbContext db, DateTime now, CancellationToken ct)
    {
        var projects = await db.Projects.AsNoTracking().Where(p => p.Status != ProjectStatus.Archived)
            .Select(p => new { p.Id, p.Currency }).ToListAsync(ct);
        var watches = await db.RunwayWatches.ToDictionaryAsync(w => w.ProjectId, ct);
        var crossings = new List<Crossing>();
        foreach (var group in projects.GroupBy(p => p.Currency))
        {
            var current = await figures.ForProjectsAsync(group.Select(p => p.Id).ToList(), group.Key, ct);
            foreach (var (projectId, funding) in current)
            {
                if (Observe(db, watches, projectId, funding, now) is { } crossing)
                {
                    crossings.Add(crossing);
                }
            }
        }

        return crossings;
    }

    private static Crossing? Observe(CrowdSiteDbContext db, Dictionary<int, RunwayWatch> watches, int projectId, FundingFigures funding, DateTime now)
    {
        var below = BelowOf(funding.RunwayDays);
        if (!watches.TryGetValue(projectId, out var watch))
        {
            // First sight (a new project, or the first start with alerts): the state as it is, no alert.
            db.RunwayWatches.Add(new RunwayWatch { ProjectId = projectId, Below = below, Sustainable = funding.Sustainable, CheckedAt = now });
            return null;
        }

        if (Crossed(watch, below, funding.Sustainable) is not { } kind)
        {
            (watch.Below, watch.Sustainable, watch.CheckedAt) = (below, funding.Sustainable, now); // quiet changes: recovery rearms
            return null;
        }

        var alert = new FundingAlert
        {
            ProjectId = projectId, Kind = kind, Threshold = kind == FundingAlertKind.RunwayBelow ? below : null,
            RunwayDays = funding.RunwayDays, At = now,
        };
        return new Crossing(alert, watch, below, funding.Sustainable);
    }

    /// <summary>
    /// The state moves on, the alert is recorded and its messages queued in one transaction, and only if the state is
    /// still the one this watcher read: a second watcher that saw the same crossing (the lock should prevent that) records nothing.
    /// </summary>
    private static async Task<bool> RecordAsync(CrowdSiteDbContext db, FundingAlert alert, RunwayWatch before, int? below, bool sustainable, DateTime now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (wasBelow, wasSustainable) = (before.Below, before.Sustainable);
        var moved = await db.RunwayWatches.Where(w => w.ProjectId == alert.ProjectId && w.Below == wasBelow && w.Sustainable == wasSustainable)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Below, below).SetProperty(w => w.Sustainable, sustainable).SetProperty(w => w.CheckedAt, now), ct);
        if (moved != 1)
        {
            return false;
        }

        db.FundingAlerts.Add(alert);
        await db.SaveChangesAsync(ct); // the alert gets its id
        await AlertOutbox.QueueFundingAlertAsync(db, alert, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
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

    private sealed record Crossing(FundingAlert Alert, RunwayWatch Before, int? Below, bool Sustainable);
}
