using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Platform;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering;

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
