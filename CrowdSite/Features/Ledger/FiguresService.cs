using CrowdSite.Data;
using CrowdSite.Features.Donations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Ledger;

/// <summary>
/// Derives every figure the site shows from the ledger's rollups: a bounded read (one balance row, the day rows
/// of the income and trend windows, the active pledges) whatever the length of a project's history.
/// </summary>
public sealed class FiguresService(IDbContextFactory<CrowdSiteDbContext> dbFactory, TimeProvider time, IOptions<FundingOptions> options)
{
    public DateOnly Today => time.UtcToday();

    public int TypicalIncomeMonths => options.Value.TypicalIncomeMonths;

    public async Task<FundingFigures> ForProjectAsync(int projectId, string currency, CancellationToken ct = default) =>
        (await ForProjectsAsync([projectId], currency, ct))[projectId];

    public async Task<IReadOnlyDictionary<int, FundingFigures>> ForProjectsAsync(
        IReadOnlyCollection<int> projectIds, string currency, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = Today;
        var since = FundingHistory.Since(today, TypicalIncomeMonths);
        var ids = projectIds.ToList();

        var balances = await db.AccountBalances.Where(b => b.ProjectId != null && ids.Contains(b.ProjectId.Value))
            .Select(b => new { ProjectId = b.ProjectId!.Value, b.Balance, b.Donated, Kept = b.Donated + b.Fees + b.PotContributed })
            .ToDictionaryAsync(b => b.ProjectId, ct);
        var days = (await db.ProjectDays.AsNoTracking()
            .Where(d => ids.Contains(d.ProjectId) && d.Day >= since && d.Day <= today && (d.Charged != 0 || d.OneTimeDonated != 0))
            .Select(d => new { d.ProjectId, d.Day, d.Charged, d.OneTimeDonated })
            .ToListAsync(ct))
            .ToLookup(d => d.ProjectId, d => new DayFlow(d.Day, -d.Charged, d.OneTimeDonated));
        var pledged = await ActivePledgesAsync(db, ids, ct);

        return ids.Distinct().ToDictionary(id => id, id =>
        {
            var b = balances.GetValueOrDefault(id);
            var inputs = FundingHistory.Inputs(b?.Balance ?? 0, pledged.GetValueOrDefault(id), days[id], today, TypicalIncomeMonths,
                b?.Donated ?? 0, b?.Kept ?? 0);
            return Funding.Compute(currency, inputs, today);
        });
    }

    /// <summary>
    /// The runway model run <paramref name="days"/> days before <paramref name="asOf"/> (default today) on the history
    /// known then, against the balance reached on <paramref name="asOf"/>. Pledges then are the pledges that had started
    /// and not ended by then.
    /// </summary>
    public async Task<BacktestResult> BacktestAsync(int projectId, int days, DateOnly? asOf = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = Today;
        var end = asOf ?? today;
        var from = end.AddDays(-days);
        var then = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var since = FundingHistory.Since(from, TypicalIncomeMonths);
        var balance = await db.AccountBalances.Where(b => b.ProjectId == projectId)
            .Select(b => new { b.Balance, b.Donated, Kept = b.Donated + b.Fees + b.PotContributed }).FirstOrDefaultAsync(ct);
        var history = await db.ProjectDays.AsNoTracking().Where(d => d.ProjectId == projectId && d.Day >= since && d.Day <= today)
            .Select(d => new DayFlow(d.Day, -d.Charged, d.OneTimeDonated, d.Net)).ToListAsync(ct);
        var pledges = await db.Pledges.Where(p => p.ProjectId == projectId && p.StartedAt < then && (p.EndedAt == null || p.EndedAt > then))
            .SumAsync(p => p.MonthlyAmount, ct);
        // The balance at the end of the backtest's last day: today's, less what came and went after it.
        var balanceAtEnd = (balance?.Balance ?? 0) - history.Where(d => d.Day > end).Sum(d => d.Net);
        return FundingHistory.Backtest(balanceAtEnd, pledges, history.Where(d => d.Day <= end).ToList(), end, days, TypicalIncomeMonths,
            balance?.Donated ?? 0, balance?.Kept ?? 0);
    }

    private static async Task<Dictionary<int, long>> ActivePledgesAsync(CrowdSiteDbContext db, List<int> ids, CancellationToken ct) =>
        await db.Pledges.Where(p => ids.Contains(p.ProjectId) && p.Status == PledgeStatus.Active)
            .GroupBy(p => p.ProjectId)
            .Select(g => new { ProjectId = g.Key, Monthly = g.Sum(p => p.MonthlyAmount) })
            .ToDictionaryAsync(x => x.ProjectId, x => x.Monthly, ct);

    public async Task<FundingTotals> TotalsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var b = await db.AccountBalances.AsNoTracking().FirstOrDefaultAsync(b => b.Account == Accounts.Project(projectId), ct);
        return b is null
            ? new FundingTotals(0, 0, 0, 0, 0, 0)
            : new FundingTotals(b.Donated, -b.Fees, -b.Charged, -b.PotContributed, b.Granted, -b.Refunded);
    }

    public async Task<PlatformTotals> PlatformTotalsAsync(string currency, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var balances = await db.AccountBalances.AsNoTracking().ToListAsync(ct);
        var projects = balances.Where(b => b.ProjectId != null).ToList();
        long Of(string account) => balances.FirstOrDefault(b => b.Account == account)?.Balance ?? 0;
        return new PlatformTotals(currency, projects.Sum(p => p.Donated), Of(Accounts.ComputeProvider), Of(Accounts.ProcessorFees),
            Of(Accounts.Pot), projects.Sum(p => p.Granted), -projects.Sum(p => p.Refunded));
    }
}
