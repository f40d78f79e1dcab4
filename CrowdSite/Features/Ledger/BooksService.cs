using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger;

/// <summary>Recomputes every account from the raw entries: the proof that the books balance.</summary>
public sealed class BooksService(IDbContextFactory<CrowdSiteDbContext> dbFactory)
{
    public async Task<Books> ReconcileAsync(string currency, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sums = await db.LedgerEntries.GroupBy(e => e.Account)
            .Select(g => new { Account = g.Key, Balance = g.Sum(e => e.Amount), Entries = g.Count() })
            .ToListAsync(ct);
        var cached = await db.AccountBalances.AsNoTracking().ToDictionaryAsync(b => b.Account, ct);
        var unbalanced = await db.LedgerEntries.GroupBy(e => e.TransactionId).Where(g => g.Sum(e => e.Amount) != 0).CountAsync(ct);
        var transactions = await db.LedgerTransactions.CountAsync(ct);

        var accounts = sums
            .Select(s => new BooksAccount(s.Account, s.Balance, s.Entries,
                cached.TryGetValue(s.Account, out var c) && c.Balance == s.Balance && c.EntryCount == s.Entries))
            .OrderBy(a => a.Account.StartsWith("project:", StringComparison.Ordinal))
            .ThenBy(a => a.Account, StringComparer.Ordinal)
            .ToList();
        var total = accounts.Sum(a => a.Balance);
        var (daysChecked, mismatchedDays) = await CheckDayRollupsAsync(db, ct);
        var balanced = total == 0 && unbalanced == 0 && accounts.All(a => a.MatchesRunningBalance) && cached.Count == accounts.Count
            && mismatchedDays == 0;
        return new Books(currency, accounts, total, transactions, unbalanced, balanced, daysChecked, mismatchedDays);
    }

    /// <summary>
    /// Recomputes each project-day's totals (net, and what it counts as: donated, fees, pot, charged, granted,
    /// refunded) and its charges by resource from the project accounts' entries in one grouped scan, and
    /// compares them with the stored rollups. The one-time share of donations is not rechecked (it needs each
    /// entry's transaction); it can only move within the donated total, which is.
    /// </summary>
    private static async Task<(int Checked, int Mismatched)> CheckDayRollupsAsync(CrowdSiteDbContext db, CancellationToken ct)
    {
        var (expected, expectedResources) = await ExpectedRollupsAsync(db, ct);
        var stored = await db.ProjectDays.AsNoTracking().ToListAsync(ct);
        var mismatched = stored.Count(day =>
            !SameTotals(day, expected.GetValueOrDefault((day.ProjectId, day.Day)) ?? new ProjectDay { ProjectId = day.ProjectId, Day = day.Day }));

        // A day with entries but no stored row is as wrong as a row that disagrees.
        mismatched += expected.Keys.Except(stored.Select(d => (d.ProjectId, d.Day))).Count();
        var storedResources = await db.ProjectResourceDays.AsNoTracking().ToListAsync(ct);
        mismatched += storedResources.Count(r => r.Charged != expectedResources.GetValueOrDefault((r.ProjectId, r.Day, r.Resource)));
        mismatched += expectedResources.Keys.Except(storedResources.Select(r => (r.ProjectId, r.Day, r.Resource))).Count(k => expectedResources[k] != 0);
        return (stored.Count + storedResources.Count, mismatched);
    }

    /// <summary>
    /// One grouped scan of the project accounts' entries gives both rollups: a day's totals are its rows summed
    /// over resources, and its charges by resource are the rows that count as charges.
    /// </summary>
    private static async Task<(Dictionary<(int, DateOnly), ProjectDay> Days, Dictionary<(int, DateOnly, string), long> Resources)> ExpectedRollupsAsync(
        CrowdSiteDbContext db, CancellationToken ct)
    {
        var sums = await db.LedgerEntries.Where(e => e.Account.StartsWith(Accounts.ProjectPrefix))
            .Join(db.LedgerTransactions, e => e.TransactionId, t => t.Id, (e, t) => new { e.Account, e.CountsAs, Day = e.At.Date, t.Resource, e.Amount })
            .GroupBy(x => new { x.Account, x.CountsAs, x.Day, x.Resource })
            .Select(g => new { g.Key.Account, g.Key.CountsAs, g.Key.Day, g.Key.Resource, Amount = g.Sum(x => x.Amount) })
            .ToListAsync(ct);
        var expected = new Dictionary<(int, DateOnly), ProjectDay>();
        var expectedResources = new Dictionary<(int, DateOnly, string), long>();
        foreach (var row in sums)
        {
            var key = (Accounts.ProjectIdOf(row.Account) ?? -1, DateOnly.FromDateTime(row.Day));
            if (!expected.TryGetValue(key, out var day))
            {
                expected[key] = day = new ProjectDay { ProjectId = key.Item1, Day = key.Item2 };
            }

            day.Net = checked(day.Net + row.Amount);
            MoneyBuckets.Add(day, row.CountsAs, row.Amount);
            if (row.CountsAs == LedgerKind.Charge)
            {
                var resource = (key.Item1, key.Item2, row.Resource ?? "other");
                expectedResources[resource] = checked(expectedResources.GetValueOrDefault(resource) + row.Amount);
            }
        }

        return (expected, expectedResources);
    }

    private static bool SameTotals(ProjectDay day, ProjectDay want) =>
        day.Net == want.Net && day.Donated == want.Donated && day.Fees == want.Fees && day.PotContributed == want.PotContributed
        && day.Charged == want.Charged && day.Granted == want.Granted && day.Refunded == want.Refunded;
}
