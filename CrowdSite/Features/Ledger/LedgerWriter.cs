using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger;

/// <summary>Writes postings inside a database transaction that the caller (LedgerService) owns.</summary>
internal static class LedgerWriter
{
    public static async Task<IReadOnlyList<PostingResult>> WriteAsync(
        CrowdSiteDbContext db, IReadOnlyList<Posting> postings, DateTime now, CancellationToken ct)
    {
        var existing = await FindPostedAsync(db, postings.Select(p => p.IdempotencyKey), ct);
        var openFrom = await Seals.SealedDays.OpenFromAsync(db, ct);
        var fresh = new Dictionary<string, LedgerTransaction>(StringComparer.Ordinal);
        var rollups = new RollupBook(db);
        var results = new List<PostingResult>(postings.Count);
        var plans = new List<(Posting Posting, LedgerTransaction Transaction, IReadOnlyList<PlannedLine> Lines)>();

        foreach (var posting in postings)
        {
            if (existing.TryGetValue(posting.IdempotencyKey, out var posted) || fresh.TryGetValue(posting.IdempotencyKey, out posted))
            {
                results.Add(new PostingResult(posted, Created: false));
                continue;
            }

            var transaction = NewTransaction(posting, Seals.SealedDays.BookedAt(posting.At, now, openFrom, posting.IdempotencyKey));
            fresh.Add(posting.IdempotencyKey, transaction);
            plans.Add((posting, transaction, posting.Lines.Select(l => new PlannedLine(l.Account, l.Kind, l.Kind, l.Amount, null, l.Kind)).ToList()));
            results.Add(new PostingResult(transaction, Created: true));
        }

        await rollups.LoadAsync(plans.SelectMany(p => p.Lines.Select(l => (l.Account, p.Transaction))), ct);
        using var rows = new LedgerRows(db);
        foreach (var (posting, transaction, lines) in plans)
        {
            rows.Insert(rollups, transaction, lines);
            if (posting.Attach is not null)
            {
                rows.InsertDocument(posting.Attach(transaction), transaction);
            }
        }

        await rows.FlushAsync(ct);
        await db.SaveChangesAsync(ct);
        return results;
    }

    /// <summary>
    /// Reverses <paramref name="portion"/> of a transaction, counted from the start: each entry ends up
    /// reversed by entry × portion (truncated toward zero, so paired entries stay exact opposites and the
    /// total never exceeds the original). Earlier partial reversals are taken into account.
    /// </summary>
    public static async Task<PostingResult> ReverseAsync(
        CrowdSiteDbContext db, long transactionId, string key, LedgerKind kind, string description, Portion portion, DateTime now, CancellationToken ct)
    {
        var posted = await FindPostedAsync(db, [key], ct);
        if (posted.TryGetValue(key, out var done))
        {
            return new PostingResult(done, Created: false);
        }

        var original = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries)
            .FirstOrDefaultAsync(t => t.Id == transactionId, ct)
            ?? throw new InvalidPostingException($"Transaction {transactionId} does not exist.");
        var lines = await ReversalLinesAsync(db, original, kind, portion, ct);
        if (lines.Count == 0)
        {
            throw new InvalidPostingException($"Transaction {transactionId} is already reversed that far.");
        }

        var reversal = new LedgerTransaction
        {
            IdempotencyKey = key, Kind = kind, At = Seals.SealedDays.BookedAt(null, now, await Seals.SealedDays.OpenFromAsync(db, ct), key),
            Currency = original.Currency, Description = description,
            ProjectId = original.ProjectId, CommitId = original.CommitId, Resource = original.Resource, Recurring = original.Recurring,
            ReversesTransactionId = transactionId,
        };
        var rollups = new RollupBook(db);
        await rollups.LoadAsync(lines.Select(l => (l.Account, reversal)), ct);
        using (var rows = new LedgerRows(db))
        {
            rows.Insert(rollups, reversal, lines);
            await rows.FlushAsync(ct);
        }

        await db.SaveChangesAsync(ct);
        return new PostingResult(reversal, Created: true);
    }

    /// <summary>What each entry of the original still needs to reach the portion; entries with nothing left are left out.</summary>
    private static async Task<List<PlannedLine>> ReversalLinesAsync(
        CrowdSiteDbContext db, LedgerTransaction original, LedgerKind kind, Portion portion, CancellationToken ct)
    {
        var entryIds = original.Entries.Select(e => e.Id).ToList();
        var reversedSoFar = await ReversedSoFarAsync(db, entryIds, ct);
        var origins = await OriginKindsAsync(db, original.Entries, ct);
        // A refund counts as a refund; a correction undoes the total the original counted in.
        return original.Entries
            .Select(e => new PlannedLine(e.Account, kind, kind == LedgerKind.Refund ? LedgerKind.Refund : e.CountsAs,
                -StillToReverse(e.Amount, portion.Of(e.Amount), reversedSoFar.GetValueOrDefault(e.Id)), e.Id, origins[e.Id]))
            .Where(l => l.Amount != 0)
            .ToList();
    }

    /// <summary>
    /// How much of each entry is reversed now: its reversals, less any reversal of those (a dispute won
    /// reinstates what the dispute took back, so a later refund can still reverse it).
    /// </summary>
    private static async Task<Dictionary<long, long>> ReversedSoFarAsync(CrowdSiteDbContext db, List<long> entryIds, CancellationToken ct)
    {
        var reversals = await db.LedgerEntries.Where(e => e.ReversesEntryId != null && entryIds.Contains(e.ReversesEntryId.Value))
            .Select(e => new { e.Id, Original = e.ReversesEntryId!.Value, e.Amount }).ToListAsync(ct);
        var reversalIds = reversals.Select(r => r.Id).ToList();
        var undone = await db.LedgerEntries.Where(e => e.ReversesEntryId != null && reversalIds.Contains(e.ReversesEntryId.Value))
            .Select(e => new { Of = e.ReversesEntryId!.Value, e.Amount }).ToListAsync(ct);
        var originalOf = reversals.ToDictionary(r => r.Id, r => r.Original);
        return reversals.Select(r => (r.Original, r.Amount)).Concat(undone.Select(u => (Original: originalOf[u.Of], u.Amount)))
            .GroupBy(x => x.Original).ToDictionary(g => g.Key, g => -g.Sum(x => x.Amount));
    }

    /// <summary>
    /// What each entry's money first counted as, following reversals back to the entry they started from:
    /// a won dispute reverses the dispute's refund entries, and the gift it reinstates is a donation again
    /// (so it comes back into the donation rate, as the dispute took it out).
    /// </summary>
    private static async Task<Dictionary<long, LedgerKind>> OriginKindsAsync(CrowdSiteDbContext db, IReadOnlyList<LedgerEntry> entries, CancellationToken ct)
    {
        var origins = entries.ToDictionary(e => e.Id, e => e.CountsAs);
        var pointsAt = entries.Where(e => e.ReversesEntryId is not null).ToDictionary(e => e.Id, e => e.ReversesEntryId!.Value);
        while (pointsAt.Count > 0)
        {
            var wanted = pointsAt.Values.Distinct().ToList();
            var earlier = await db.LedgerEntries.AsNoTracking().Where(e => wanted.Contains(e.Id))
                .Select(e => new { e.Id, e.CountsAs, e.ReversesEntryId }).ToDictionaryAsync(e => e.Id, ct);
            var next = new Dictionary<long, long>();
            foreach (var (entryId, target) in pointsAt)
            {
                origins[entryId] = earlier[target].CountsAs;
                if (earlier[target].ReversesEntryId is { } further)
                {
                    next[entryId] = further;
                }
            }

            pointsAt = next;
        }

        return origins;
    }

    /// <summary>What is left to reverse to reach the target; never undoes a reversal (a late, smaller refund event is a no-op).</summary>
    private static long StillToReverse(long amount, long target, long reversedSoFar)
    {
        var delta = target - reversedSoFar;
        return Math.Sign(delta) == -Math.Sign(amount) ? 0 : delta;
    }

    private static LedgerTransaction NewTransaction(Posting posting, DateTime at) => new()
    {
        IdempotencyKey = posting.IdempotencyKey,
        Kind = posting.Kind,
        At = at,
        Currency = posting.Currency,
        Description = posting.Description,
        ProjectId = posting.ProjectId,
        CommitId = posting.CommitId,
        Resource = posting.Resource,
        Recurring = posting.Recurring,
    };

    private static async Task<Dictionary<string, LedgerTransaction>> FindPostedAsync(
        CrowdSiteDbContext db, IEnumerable<string> keys, CancellationToken ct)
    {
        // One JSON array parameter, so a batch of 10,000 keys is one query (not 10,000 parameters).
        var wanted = keys.Distinct().ToList();
        return await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries)
            .Where(t => EF.Parameter(wanted).Contains(t.IdempotencyKey))
            .ToDictionaryAsync(t => t.IdempotencyKey, StringComparer.Ordinal, ct);
    }
}
