using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering.CloudFoundry;

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
