using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger;

/// <summary>Loads the balances and day rollups a write touches, and applies each entry to them.</summary>
internal sealed class RollupBook(CrowdSiteDbContext db)
{
    private readonly Dictionary<string, AccountBalance> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<(int, DateOnly), ProjectDay> _days = [];
    private readonly Dictionary<(int, DateOnly, string), ProjectResourceDay> _resourceDays = [];

    public async Task LoadAsync(IEnumerable<(string Account, LedgerTransaction Transaction)> touched, CancellationToken ct)
    {
        var list = touched.ToList();
        var accounts = list.Select(t => t.Account).Distinct().ToList();
        foreach (var balance in await db.AccountBalances.Where(b => EF.Parameter(accounts).Contains(b.Account)).ToListAsync(ct))
        {
            _balances[balance.Account] = balance;
        }

        // Each touched line's project and day, worked out once (a metering batch touches 20,000 lines).
        var projectDays = list.Select(t => (ProjectId: Accounts.ProjectIdOf(t.Account), Day: DateOnly.FromDateTime(t.Transaction.At)))
            .Where(t => t.ProjectId is not null).ToList();
        if (projectDays.Count == 0)
        {
            return;
        }

        var projectIds = projectDays.Select(t => t.ProjectId!.Value).Distinct().ToList();
        var first = projectDays.Min(t => t.Day);
        var last = projectDays.Max(t => t.Day);
        foreach (var day in await db.ProjectDays.Where(d => projectIds.Contains(d.ProjectId) && d.Day >= first && d.Day <= last).ToListAsync(ct))
        {
            _days[(day.ProjectId, day.Day)] = day;
        }

        foreach (var day in await db.ProjectResourceDays.Where(d => projectIds.Contains(d.ProjectId) && d.Day >= first && d.Day <= last).ToListAsync(ct))
        {
            _resourceDays[(day.ProjectId, day.Day, day.Resource)] = day;
        }
    }

    /// <summary>Applies one entry and returns its account's balance after it.</summary>
    public long Apply(PlannedLine line, int? projectId, LedgerTransaction transaction)
    {
        var balance = BalanceOf(line.Account, projectId, transaction.Currency);
        balance.Balance = checked(balance.Balance + line.Amount);
        balance.EntryCount++;
        if (projectId is { } id)
        {
            MoneyBuckets.Add(balance, line.CountsAs, line.Amount);
            ApplyToDay(line, id, transaction);
        }

        return balance.Balance;
    }

    private AccountBalance BalanceOf(string account, int? projectId, string currency)
    {
        if (!_balances.TryGetValue(account, out var balance))
        {
            balance = new AccountBalance { Account = account, ProjectId = projectId, Currency = currency };
            _balances[account] = balance;
            db.AccountBalances.Add(balance);
        }
        else if (balance.Currency != currency)
        {
            throw new InvalidPostingException($"Account {account} is kept in {balance.Currency}, not {currency}.");
        }

        return balance;
    }

    private void ApplyToDay(PlannedLine line, int projectId, LedgerTransaction transaction)
    {
        var date = DateOnly.FromDateTime(transaction.At);
        if (!_days.TryGetValue((projectId, date), out var day))
        {
            day = new ProjectDay { ProjectId = projectId, Day = date };
            _days[(projectId, date)] = day;
            db.ProjectDays.Add(day);
        }

        day.Net += line.Amount;
        MoneyBuckets.Add(day, line.CountsAs, line.Amount);
        // One-time gifts make the donation rate; a refunded one leaves it again.
        if (line.OriginalKind == LedgerKind.Donation && !transaction.Recurring)
        {
            day.OneTimeDonated += line.Amount;
        }

        if (line.CountsAs == LedgerKind.Charge)
        {
            ApplyToResource(projectId, date, transaction.Resource ?? "other", line.Amount);
        }
    }

    private void ApplyToResource(int projectId, DateOnly date, string resource, long amount)
    {
        if (!_resourceDays.TryGetValue((projectId, date, resource), out var day))
        {
            day = new ProjectResourceDay { ProjectId = projectId, Day = date, Resource = resource };
            _resourceDays[(projectId, date, resource)] = day;
            db.ProjectResourceDays.Add(day);
        }

        day.Charged += amount;
    }
}
