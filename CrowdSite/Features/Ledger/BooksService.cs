using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger;

/// <summary>One account in the reconciliation: its balance summed from the entries, and whether the cached balance agrees.</summary>
public sealed record BooksAccount(string Account, long Balance, int Entries, bool MatchesRunningBalance);

/// <summary>The platform-wide books (DESIGN §6 <c>/api/v1/books</c>).</summary>
public sealed record Books(
    string Currency,
    IReadOnlyList<BooksAccount> Accounts,
    long Total,
    int Transactions,
    int UnbalancedTransactions,
    bool Balanced);

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
        var balanced = total == 0 && unbalanced == 0 && accounts.All(a => a.MatchesRunningBalance) && cached.Count == accounts.Count;
        return new Books(currency, accounts, total, transactions, unbalanced, balanced);
    }
}
