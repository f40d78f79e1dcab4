using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger;

/// <summary>Reads a project's ledger oldest first, in pages keyed by entry id.</summary>
public sealed class LedgerQueries(IDbContextFactory<CrowdSiteDbContext> dbFactory)
{
    public const int DefaultPageSize = 500;
    public const int MaxPageSize = 5_000;

    /// <summary>Up to <paramref name="limit"/> items, and whether more follow.</summary>
    public async Task<(IReadOnlyList<LedgerItem> Items, bool More)> PageAsync(
        int projectId, LedgerFilter filter, int limit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Query(db, projectId, filter).Take(limit + 1).ToListAsync(ct);
        return (rows.Take(limit).ToList(), rows.Count > limit);
    }

    /// <summary>Descending page for screens that show newest first, with a total count for paging.</summary>
    public async Task<(IReadOnlyList<LedgerItem> Items, int Total)> NewestFirstAsync(
        int projectId, LedgerFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await Query(db, projectId, filter).CountAsync(ct);
        var items = await Query(db, projectId, filter, newestFirst: true).Skip(skip).Take(take).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>Every matching item, streamed in pages so an export of years of history stays small in memory.</summary>
    public async IAsyncEnumerable<LedgerItem> StreamAsync(
        int projectId, LedgerFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var next = filter;
        while (true)
        {
            var (items, more) = await PageAsync(projectId, next, MaxPageSize, ct);
            foreach (var item in items)
            {
                yield return item;
            }

            if (!more)
            {
                yield break;
            }

            next = next with { AfterId = items[^1].Id };
        }
    }

    private static IQueryable<LedgerItem> Query(CrowdSiteDbContext db, int projectId, LedgerFilter filter, bool newestFirst = false)
    {
        var query =
            from e in Entries(db, projectId, filter)
            join t in db.LedgerTransactions on e.TransactionId equals t.Id
            select new
            {
                e, t.Description, Sha = t.Commit == null ? null : t.Commit.Sha, Repository = t.Commit == null ? null : t.Commit.Repository,
                Verification = t.Commit == null ? null : t.Commit.VerifiedAt != null ? "verified" : t.Commit.VerificationFailedAt != null ? "failed" : "pending",
            };
        if (!string.IsNullOrWhiteSpace(filter.CommitSha))
        {
            var sha = filter.CommitSha.Trim().ToLowerInvariant();
            query = query.Where(x => x.Sha != null && x.Sha.StartsWith(sha));
        }

        var ordered = newestFirst ? query.OrderByDescending(x => x.e.Id) : query.OrderBy(x => x.e.Id);
        return ordered.Select(x => new LedgerItem(
            x.e.Id, x.e.TransactionId, x.e.At, x.e.Kind, x.e.Amount, x.e.Currency, x.Description, x.Sha,
            x.Sha == null ? null : Projects.Commit.UrlOf(x.Repository!, x.Sha), x.e.BalanceAfter, x.Verification));
    }

    /// <summary>The project account's entries that pass the filter's id, date and kind conditions.</summary>
    private static IQueryable<LedgerEntry> Entries(CrowdSiteDbContext db, int projectId, LedgerFilter filter)
    {
        var account = Accounts.Project(projectId);
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.Account == account);
        if (filter.AfterId is { } after)
        {
            entries = entries.Where(e => e.Id > after);
        }

        if (filter.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (filter.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }

        if (filter.Kinds is { Count: > 0 } kinds)
        {
            entries = entries.Where(e => kinds.Contains(e.Kind));
        }

        return entries;
    }
}
