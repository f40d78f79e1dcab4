using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Platform;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>What an import did. <see cref="Cursor"/> is the newest event GUID imported: where the next fetch resumes.</summary>
public sealed record CfImportResult(int Imported, int AlreadyImported, int OtherApps, int Charges, double GbHours, string? Cursor);

public sealed record CfImportOutcome(CfImportResult? Result, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// Imports a page of Cloud Foundry app usage events the way CF documents consuming them: a STARTED after a
/// STARTED is a scale or memory change; WAS_RUNNING starts only what has no start on record; the first
/// STOPPED closes and later ones are ignored; an end without a beginning is noise; tasks are keyed by task.
/// Closed intervals become memory charges (GB-hours), split per deployment and per day. All or nothing.
/// </summary>
public sealed class CloudFoundryImporter(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    LedgerService ledger,
    TimeProvider time,
    IOptions<CloudFoundryOptions> options,
    IOptions<PlatformOptions> platform,
    DatabaseLocks locks)
{
    private static readonly HashSet<string> Starts = ["STARTED", "TASK_STARTED"];

    // The importer reads its state, then writes it back: imports take turns, across instances (a database lock),
    // so none works from a stale copy.
    private static readonly HashSet<string> Stops = ["STOPPED", "TASK_STOPPED"];

    public async Task<CfImportOutcome> ImportAsync(CfUsagePage page, CancellationToken ct = default)
    {
        await using var turn = await locks.AcquireAsync("cloud-foundry-import", ct);
        return await ImportInTurnAsync(page, ct);
    }

    private async Task<CfImportOutcome> ImportInTurnAsync(CfUsagePage page, CancellationToken ct)
    {
        var errors = CfPageValidator.Validate(page);
        if (errors.Count > 0)
        {
            return new CfImportOutcome(null, errors);
        }

        var events = page.Resources!.Select((e, i) => (Event: e, Index: i)).OrderBy(x => x.Event.CreatedAt).ThenBy(x => x.Index).Select(x => x.Event).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await CfImportState.LoadAsync(db, events, ct);
        var postings = new List<Posting>();
        var (imported, already, otherApps, gbHours) = (0, 0, 0, 0.0);
        foreach (var ev in events)
        {
            if (!state.MarkSeen(ev.Guid!, ev.CreatedAt!.Value.UtcDateTime))
            {
                already++;
                continue;
            }

            imported++;
            if (!state.Apps.TryGetValue(ev.App!.Guid!, out var projectId))
            {
                otherApps++;
                continue;
            }

            gbHours += Apply(ev, projectId, state, postings, errors);
        }

        if (errors.Count > 0)
        {
            return new CfImportOutcome(null, errors);
        }

        await ledger.PostBatchAsync(postings, tx => state.SaveAsync(tx, time.GetUtcNow().UtcDateTime, ct), ct);
        return new CfImportOutcome(new CfImportResult(imported, already, otherApps, postings.Count, Math.Round(gbHours, 4), events.LastOrDefault()?.Guid), errors);
    }

    /// <summary>
    /// One event of a bound app: closes the run it ends or replaces (adding that run's charges) and opens the run it starts.
    /// Returns the GB-hours of the run it closed.
    /// </summary>
    private double Apply(CfUsageEvent ev, int projectId, CfImportState state, List<Posting> postings, Dictionary<string, string[]> errors)
    {
        var current = ev.State!.Current!;
        var key = current.StartsWith("TASK_", StringComparison.Ordinal) ? ev.Task?.Guid ?? ev.Guid! : ev.Process?.Guid ?? ev.App!.Guid!;
        var at = ev.CreatedAt!.Value.UtcDateTime;
        var gbHours = 0.0;
        state.Runs.TryGetValue(key, out var open);
        if (open is not null && (Starts.Contains(current) || Stops.Contains(current)))
        {
            var closed = Close(open, at, ev.Guid!, state, errors);
            postings.AddRange(closed.Postings);
            gbHours = closed.GbHours;
            state.Runs.Remove(key);
        }

        if (Starts.Contains(current) || (current == "WAS_RUNNING" && open is null))
        {
            state.Runs[key] = new CloudFoundryRun
            {
                Key = key, ProjectId = projectId, StartedAt = at,
                Instances = ev.InstanceCount!.Current!.Value, MemoryMb = ev.MemoryInMbPerInstance!.Current!.Value,
            };
        }

        return gbHours;
    }

    private (List<Posting> Postings, double GbHours) Close(CloudFoundryRun run, DateTime end, string closingEvent, CfImportState state, Dictionary<string, string[]> errors)
    {
        var slices = UsageSlices.Split(run.StartedAt, end, run.Instances, run.MemoryMb, state.DeploymentsOf(run.ProjectId));
        if (slices is null)
        {
            errors[$"events.{closingEvent}"] = [$"No deployment of project #{run.ProjectId} is on record at {run.StartedAt:O}: the commit that ran is unknown, so it cannot be charged."];
            return ([], 0);
        }

        var price = options.Value.PricePerGbHourMicros;
        var project = state.Projects[run.ProjectId];
        var postings = slices.Select((slice, i) => (Slice: slice, Charge: new Charge
        {
            SourceId = $"cf:{closingEvent}:{i}", ProjectId = run.ProjectId, CommitId = slice.Deployment.CommitId, Resource = "memory",
            Quantity = Math.Round(slice.GbHours, 4), Unit = "GB-hours", Amount = slice.Amount(price), UnitPriceMicros = price,
            Currency = platform.Value.Currency, PeriodStart = slice.Start, PeriodEnd = slice.End,
        }))
            .Where(x => x.Charge.Amount > 0) // a few seconds can be worth less than a cent: nothing to pay
            .Select(x => ChargePostings.Build(x.Charge, project.Name, x.Slice.Deployment.Commit!.ShortSha, null))
            .ToList();
        return (postings, slices.Sum(s => s.GbHours));
    }
}

/// <summary>The importer's memory: which apps are whose, what runs, what was seen, and the projects' deployments.</summary>
internal sealed class CfImportState
{
    private readonly HashSet<string> _seen;
    private readonly List<(string Guid, DateTime CreatedAt)> _newlySeen = [];
    private readonly HashSet<string> _loadedRunKeys;
    private readonly Dictionary<int, List<Deployment>> _deployments;

    private CfImportState(Dictionary<string, int> apps, Dictionary<string, CloudFoundryRun> runs, HashSet<string> seen,
        Dictionary<int, List<Deployment>> deployments, Dictionary<int, Project> projects)
    {
        (Apps, Runs, _seen, _deployments, Projects) = (apps, runs, seen, deployments, projects);
        _loadedRunKeys = [.. runs.Keys];
    }

    public Dictionary<string, int> Apps { get; }
    public Dictionary<string, CloudFoundryRun> Runs { get; }
    public Dictionary<int, Project> Projects { get; }

    public static async Task<CfImportState> LoadAsync(CrowdSiteDbContext db, IReadOnlyList<CfUsageEvent> events, CancellationToken ct)
    {
        var guids = events.Select(e => e.Guid!).ToList();
        var seen = new HashSet<string>(await db.CloudFoundryEvents.Where(e => guids.Contains(e.Guid)).Select(e => e.Guid).ToListAsync(ct));
        var appGuids = events.Select(e => e.App!.Guid!).Distinct().ToList();
        var apps = await db.CloudFoundryApps.Where(a => appGuids.Contains(a.AppGuid)).ToDictionaryAsync(a => a.AppGuid, a => a.ProjectId, ct);
        var projectIds = apps.Values.Distinct().ToList();
        var runs = await db.CloudFoundryRuns.AsNoTracking().Where(r => projectIds.Contains(r.ProjectId)).ToDictionaryAsync(r => r.Key, ct);
        var deployments = (await db.Deployments.AsNoTracking().Include(d => d.Commit).Where(d => projectIds.Contains(d.ProjectId)).ToListAsync(ct))
            .GroupBy(d => d.ProjectId).ToDictionary(g => g.Key, g => g.OrderBy(d => d.StartedAt).ToList());
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return new CfImportState(apps, runs, seen, deployments, projects);
    }

    public IReadOnlyList<Deployment> DeploymentsOf(int projectId) => _deployments.GetValueOrDefault(projectId) ?? [];

    /// <summary>False when the event was imported before (or earlier in this page).</summary>
    public bool MarkSeen(string guid, DateTime createdAt)
    {
        if (!_seen.Add(guid))
        {
            return false;
        }

        _newlySeen.Add((guid, createdAt));
        return true;
    }

    /// <summary>Stages the new state in the ledger's transaction: seen events, and the open runs replacing the old.</summary>
    public async Task SaveAsync(CrowdSiteDbContext db, DateTime now, CancellationToken ct)
    {
        var touched = _loadedRunKeys.Union(Runs.Keys).ToList();
        await db.CloudFoundryRuns.Where(r => touched.Contains(r.Key)).ExecuteDeleteAsync(ct);
        db.CloudFoundryRuns.AddRange(Runs.Values.Select(r => new CloudFoundryRun
        {
            Key = r.Key, ProjectId = r.ProjectId, StartedAt = r.StartedAt, Instances = r.Instances, MemoryMb = r.MemoryMb,
        }));
        db.CloudFoundryEvents.AddRange(_newlySeen.Select(e => new CloudFoundryEvent { Guid = e.Guid, CreatedAt = e.CreatedAt, ImportedAt = now }));
    }
}

internal static class CfPageValidator
{
    private static readonly HashSet<string> KnownStates = ["STARTED", "STOPPED", "WAS_RUNNING", "TASK_STARTED", "TASK_STOPPED", "BUILDPACK_SET"];

    public static Dictionary<string, string[]> Validate(CfUsagePage page)
    {
        var errors = new Dictionary<string, string[]>();
        if (page.Resources is null)
        {
            errors["resources"] = ["A page of /v3/app_usage_events has a resources array."];
            return errors;
        }

        for (var i = 0; i < page.Resources.Count; i++)
        {
            var e = page.Resources[i];
            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(e.Guid) || e.Guid.Length > 64) problems.Add("guid is required.");
            if (e.CreatedAt is null) problems.Add("created_at is required.");
            if (e.State?.Current is not { } current || !KnownStates.Contains(current)) problems.Add($"state.current must be one of {string.Join(", ", KnownStates)}.");
            if (string.IsNullOrWhiteSpace(e.App?.Guid)) problems.Add("app.guid is required.");
            if (e.State?.Current is "STARTED" or "TASK_STARTED" or "WAS_RUNNING"
                && (e.InstanceCount?.Current is not > 0 || e.MemoryInMbPerInstance?.Current is not > 0))
            {
                problems.Add("a start carries instance_count.current and memory_in_mb_per_instance.current, both positive.");
            }

            if (problems.Count > 0)
            {
                errors[$"resources[{i}]"] = [.. problems];
            }
        }

        return errors;
    }
}
