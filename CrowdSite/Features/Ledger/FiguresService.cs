using CrowdSite.Data;
using CrowdSite.Features.Donations;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger;

/// <summary>A project's lifetime totals, as positive magnitudes (DESIGN §6 <c>totals</c>).</summary>
public sealed record FundingTotals(long Donated, long Fees, long Charged, long PotContributed, long Granted, long Refunded);

/// <summary>The whole platform's money: raised from donors, spent on compute, fees, and the free-tier pot.</summary>
public sealed record PlatformTotals(string Currency, long Raised, long SpentOnCompute, long Fees, long Pot, long Granted, long Refunded);

/// <summary>
/// Derives every figure the site shows from the ledger's rollups: a bounded read (one balance row,
/// 30 day rows, the active pledges) whatever the length of a project's history.
/// </summary>
public sealed class FiguresService(IDbContextFactory<CrowdSiteDbContext> dbFactory, TimeProvider time)
{
    public DateOnly Today => time.UtcToday();

    public async Task<FundingFigures> ForProjectAsync(int projectId, string currency, CancellationToken ct = default) =>
        (await ForProjectsAsync([projectId], currency, ct))[projectId];

    public async Task<IReadOnlyDictionary<int, FundingFigures>> ForProjectsAsync(
        IReadOnlyCollection<int> projectIds, string currency, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = Today;
        var since = today.AddDays(-(Funding.TrailingDays - 1));
        var ids = projectIds.ToList();

        var balances = await db.AccountBalances.Where(b => b.ProjectId != null && ids.Contains(b.ProjectId.Value))
            .ToDictionaryAsync(b => b.ProjectId!.Value, b => b.Balance, ct);
        var recent = await db.ProjectDays.Where(d => ids.Contains(d.ProjectId) && d.Day >= since && d.Day <= today)
            .GroupBy(d => d.ProjectId)
            .Select(g => new { ProjectId = g.Key, Charged = g.Sum(d => d.Charged), OneTime = g.Sum(d => d.OneTimeDonated) })
            .ToDictionaryAsync(x => x.ProjectId, ct);
        var pledged = await db.Pledges.Where(p => ids.Contains(p.ProjectId) && p.Status == PledgeStatus.Active)
            .GroupBy(p => p.ProjectId)
            .Select(g => new { ProjectId = g.Key, Monthly = g.Sum(p => p.MonthlyAmount) })
            .ToDictionaryAsync(x => x.ProjectId, x => x.Monthly, ct);

        return ids.Distinct().ToDictionary(id => id, id =>
        {
            recent.TryGetValue(id, out var days);
            var cost = -(days?.Charged ?? 0);
            var rate = pledged.GetValueOrDefault(id) + (days?.OneTime ?? 0);
            return Funding.Compute(currency, balances.GetValueOrDefault(id), Math.Max(cost, 0), Math.Max(rate, 0), today);
        });
    }

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
