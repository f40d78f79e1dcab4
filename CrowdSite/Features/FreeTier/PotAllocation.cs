using CrowdSite.Components.Shared;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Platform;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static System.FormattableString;

namespace CrowdSite.Features.FreeTier;

/// <summary>
/// Pays free-tier projects' compute charges of a month from the pot: each up to its cap; when the pot cannot
/// pay everything, pro rata to what each is owed, rounded down, the remainder staying in the pot. The pot never
/// goes negative through an allocation. A month is allocated once: grants are keyed by month and project.
/// </summary>
public sealed class PotAllocation(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    LedgerService ledger,
    TimeProvider time,
    IOptions<FreeTierOptions> options,
    IOptions<PlatformOptions> platform,
    SignIn.OperatorCheck operators)
{
    /// <summary>An operator's allocation: refused (null, and logged) for anyone else, whatever the page showed.</summary>
    public async Task<AllocationPlan?> AllocateAsOperatorAsync(DateOnly month, System.Security.Claims.ClaimsPrincipal? user, CancellationToken ct = default)
    {
        if (await operators.AllowAsync(user, "allocate the pot", ct) is null)
        {
            return null;
        }

        return await AllocateAsync(month, ct);
    }

    public static string KeyFor(DateOnly month, int projectId) => Invariant($"grant:{month:yyyy-MM}:{projectId}");

    public async Task<AllocationPlan> PreviewAsync(DateOnly month, CancellationToken ct = default)
    {
        month = FirstOfMonth(month);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var end = month.AddMonths(1).AddDays(-1);
        var projects = await db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatus.FreeTier).OrderBy(p => p.Id).ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var charged = await db.ProjectDays.Where(d => ids.Contains(d.ProjectId) && d.Day >= month && d.Day <= end)
            .GroupBy(d => d.ProjectId).Select(g => new { g.Key, Charged = -g.Sum(d => d.Charged) }).ToDictionaryAsync(x => x.Key, x => x.Charged, ct);
        var already = await db.PotGrants.AnyAsync(g => g.Month == month, ct);
        var pot = Math.Max(0, await db.AccountBalances.Where(b => b.Account == Accounts.Pot).Select(b => b.Balance).FirstOrDefaultAsync(ct));

        var owed = projects.Select(p => (Project: p, Charged: Math.Max(0, charged.GetValueOrDefault(p.Id))))
            .Select(x => (x.Project, x.Charged, Owed: Math.Min(x.Charged, x.Project.FreeTierMonthlyCap ?? options.Value.MonthlyCap))).ToList();
        var total = owed.Sum(o => o.Owed);
        var proRata = total > pot;
        var lines = owed.Select(o => new AllocationLine(o.Project.Id, o.Project.Slug, o.Project.Name, o.Charged, o.Owed,
            proRata ? (long)((Int128)o.Owed * pot / total) : o.Owed)).ToList();
        return new AllocationPlan(month, platform.Value.Currency, pot, total, lines.Sum(l => l.Grant), proRata, already, lines);
    }

    /// <summary>Writes the plan's grants. Running a month again (or twice at once) grants nothing more.</summary>
    public async Task<AllocationPlan> AllocateAsync(DateOnly month, CancellationToken ct = default)
    {
        var plan = await PreviewAsync(month, ct);
        if (plan.AlreadyAllocated || plan.Month >= FirstOfMonth(time.UtcToday()))
        {
            return plan; // a month is allocated once, and only after it has closed
        }

        var postings = plan.Lines.Where(l => l.Grant > 0).Select(l => new Posting
        {
            IdempotencyKey = KeyFor(plan.Month, l.ProjectId),
            Kind = LedgerKind.Grant,
            Currency = plan.Currency,
            Description = $"Free-tier grant for {DateText.Format(plan.Month, DateStyle.Month)}: owed {new Money(l.Owed, plan.Currency).Format()}, granted {new Money(l.Grant, plan.Currency).Format()}",
            ProjectId = l.ProjectId,
            Lines = [new(Accounts.Pot, LedgerKind.Grant, -l.Grant), new(Accounts.Project(l.ProjectId), LedgerKind.Grant, l.Grant)],
            Attach = tx => new PotGrant
            {
                Month = plan.Month, ProjectId = l.ProjectId, Charged = l.Charged, Owed = l.Owed, Granted = l.Grant, Currency = plan.Currency,
                LedgerTransaction = tx,
            },
        }).ToList();
        await ledger.PostBatchAsync(postings, ct);
        return plan with { AlreadyAllocated = true };
    }

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
