using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Platform;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering;

/// <summary>One charge as the platform's metering reports it (DESIGN §6). Everything is optional here so that missing fields get named errors.</summary>
public sealed record UsageCharge(
    string? Id, string? Project, string? CommitSha, string? Resource, double? Quantity, string? Unit, long? Amount,
    string? Currency, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd);

public sealed record UsageBatch(IReadOnlyList<UsageCharge>? Charges);

public sealed record UsageItemResult(string Id, string Status, long TransactionId);

public sealed record UsageResult(int Recorded, int Duplicates, IReadOnlyList<UsageItemResult> Items);

/// <summary>The ingest's verdict: recorded, invalid (field errors, nothing written), or conflicting (an id reused with other content).</summary>
public sealed record UsageOutcome(UsageResult? Result, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<string> Conflicts)
{
    public bool Valid => Errors.Count == 0 && Conflicts.Count == 0;
}

/// <summary>
/// Validates a batch of charges and records it all or nothing, each charge a ledger transaction tied to
/// its commit. Idempotent on the metering id: the same charge again is a duplicate, written once.
/// </summary>
public sealed class UsageIngest(
    IDbContextFactory<CrowdSiteDbContext> dbFactory, LedgerService ledger, IOptions<PlatformOptions> platform, IOptions<MeteringOptions> metering)
{
    /// <summary>What an ingest would say, without writing anything (the CSV import's preview).</summary>
    public async Task<UsageOutcome> CheckAsync(IReadOnlyList<UsageCharge> charges, CancellationToken ct = default) =>
        (await EvaluateAsync(charges, checkConflicts: true, ct)).Outcome;

    public async Task<UsageOutcome> IngestAsync(IReadOnlyList<UsageCharge> charges, CancellationToken ct = default)
    {
        // Conflicts are checked once, inside the write (below): checked before it, a batch committing meanwhile would slip by.
        var (outcome, drafts) = await EvaluateAsync(charges, checkConflicts: false, ct);
        if (!outcome.Valid)
        {
            return outcome;
        }

        var postings = drafts.Select(d => ChargePostings.Build(d.Charge, d.Project.Name, d.Commit.ShortSha, null)).ToList();
        IReadOnlyList<PostingResult> results;
        try
        {
            // Under the write lock, so of two batches reusing ids with other content the second is told 409, not "duplicate".
            results = await ledger.PostBatchAsync(postings, async db =>
            {
                var stored = await UsageContext.StoredChargesAsync(db, drafts.Select(d => d.Charge.SourceId).ToList(), ct);
                if (Conflicts(drafts, stored) is { Count: > 0 } conflicts)
                {
                    throw new ConflictingChargesException(conflicts);
                }
            }, ct);
        }
        catch (ConflictingChargesException ex)
        {
            return new UsageOutcome(null, outcome.Errors, ex.Ids);
        }

        var items = drafts.Zip(results, (d, r) => new UsageItemResult(d.Charge.SourceId, r.Created ? "recorded" : "duplicate", r.Transaction.Id)).ToList();
        return new UsageOutcome(new UsageResult(items.Count(i => i.Status == "recorded"), items.Count(i => i.Status == "duplicate"), items), outcome.Errors, []);
    }

    /// <summary>
    /// Validates the batch against the database and (when asked) finds ids reused with other content; when valid,
    /// also the charges to record, each with its project and commit.
    /// </summary>
    private async Task<(UsageOutcome Outcome, List<(Charge Charge, Project Project, Commit Commit)> Drafts)> EvaluateAsync(
        IReadOnlyList<UsageCharge> charges, bool checkConflicts, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var context = await UsageContext.LoadAsync(db, charges, checkConflicts, ct);
        var errors = UsageValidator.Validate(charges, context, platform.Value.Currency, metering.Value.MaxChargeAmount);
        if (errors.Count > 0)
        {
            return (new UsageOutcome(null, errors, []), []);
        }

        var drafts = charges.Select(c =>
        {
            var project = context.ProjectsBySlug[c.Project!];
            var commit = context.Commits[(project.Id, c.CommitSha!)];
            return (Charge: ToCharge(c, project, commit), Project: project, Commit: commit);
        }).ToList();
        return (new UsageOutcome(null, errors, Conflicts(drafts, context.Existing)), drafts);
    }

    /// <summary>The ids of charges already stored with other content.</summary>
    private static List<string> Conflicts(List<(Charge Charge, Project Project, Commit Commit)> drafts, IReadOnlyDictionary<string, Charge> stored) =>
        drafts.Where(d => stored.TryGetValue(d.Charge.SourceId, out var old) && !SameContent(old, d.Charge)).Select(d => d.Charge.SourceId).ToList();

    /// <summary>Thrown inside the write to roll it back when ids turn out reused with other content.</summary>
    private sealed class ConflictingChargesException(List<string> ids) : Exception("Charge ids reused with other content.")
    {
        public List<string> Ids { get; } = ids;
    }

    private static Charge ToCharge(UsageCharge c, Project project, Commit commit) => new()
    {
        SourceId = c.Id!, ProjectId = project.Id, CommitId = commit.Id, Resource = c.Resource!,
        Quantity = c.Quantity!.Value, Unit = c.Unit!, Amount = c.Amount!.Value, Currency = c.Currency!,
        PeriodStart = c.PeriodStart!.Value.UtcDateTime, PeriodEnd = c.PeriodEnd!.Value.UtcDateTime,
    };

    private static bool SameContent(Charge a, Charge b) =>
        a.ProjectId == b.ProjectId && a.CommitId == b.CommitId && a.Resource == b.Resource && a.Quantity.Equals(b.Quantity)
        && a.Unit == b.Unit && a.Amount == b.Amount && a.Currency == b.Currency && a.PeriodStart == b.PeriodStart && a.PeriodEnd == b.PeriodEnd;
}

/// <summary>What validation needs from the database, read in a few set-based queries.</summary>
internal sealed record UsageContext(
    IReadOnlyDictionary<string, Project> ProjectsBySlug,
    IReadOnlyDictionary<(int ProjectId, string Sha), Commit> Commits,
    IReadOnlyDictionary<string, Charge> Existing)
{
    public static async Task<UsageContext> LoadAsync(CrowdSiteDbContext db, IReadOnlyList<UsageCharge> charges, bool withExisting, CancellationToken ct)
    {
        var slugs = charges.Select(c => c.Project).OfType<string>().Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, ct);
        var shas = charges.Select(c => c.CommitSha).OfType<string>().Where(Commit.IsValidSha).Distinct().ToList();
        var repositories = projects.Values.Select(p => p.Repository).Distinct().ToList();
        var commits = new Dictionary<(int, string), Commit>();
        // One JSON array parameter per lookup, so a batch of 10,000 is a few queries.
        foreach (var commit in await db.Commits.AsNoTracking().Where(c => EF.Parameter(shas).Contains(c.Sha) && repositories.Contains(c.Repository)).ToListAsync(ct))
        {
            foreach (var project in projects.Values.Where(p => p.Repository == commit.Repository))
            {
                commits[(project.Id, commit.Sha)] = commit;
            }
        }

        var existing = withExisting
            ? await StoredChargesAsync(db, charges.Select(c => c.Id).OfType<string>().Distinct().ToList(), ct)
            : new Dictionary<string, Charge>();
        return new UsageContext(projects, commits, existing);
    }

    /// <summary>The charges already stored under these metering ids (one query: a JSON array parameter).</summary>
    public static async Task<Dictionary<string, Charge>> StoredChargesAsync(CrowdSiteDbContext db, List<string> ids, CancellationToken ct) =>
        await db.Charges.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.SourceId))
            .ToDictionaryAsync(c => c.SourceId, StringComparer.Ordinal, ct);
}
