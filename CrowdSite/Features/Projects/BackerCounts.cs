using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Projects;

/// <summary>
/// Backers: each named donor once, each anonymous monthly pledge once, each anonymous one-time gift
/// (we cannot tell anonymous people apart, so we do not merge them).
/// </summary>
public static class BackerCounts
{
    /// <summary>How many backers gave the donations of <paramref name="donations"/>, by the rule above.</summary>
    public static async Task<int> CountAsync(IQueryable<Donation> donations, CancellationToken ct) =>
        await donations.Where(d => d.PublicName != null).Select(d => d.PublicName).Distinct().CountAsync(ct)
        + await donations.Where(d => d.PublicName == null && d.PledgeId != null).Select(d => d.PledgeId).Distinct().CountAsync(ct)
        + await donations.CountAsync(d => d.PublicName == null && d.PledgeId == null, ct);

    public static async Task<Dictionary<int, int>> ForProjectsAsync(CrowdSiteDbContext db, IReadOnlyCollection<int> projectIds, CancellationToken ct)
    {
        var counted = db.Donations.AsNoTracking().Given().Where(d => projectIds.Contains(d.ProjectId));
        var named = await counted.Where(d => d.PublicName != null).GroupBy(d => d.ProjectId)
            .Select(g => new { g.Key, Count = g.Select(d => d.PublicName).Distinct().Count() }).ToListAsync(ct);
        var pledges = await counted.Where(d => d.PublicName == null && d.PledgeId != null).GroupBy(d => d.ProjectId)
            .Select(g => new { g.Key, Count = g.Select(d => d.PledgeId).Distinct().Count() }).ToListAsync(ct);
        var gifts = await counted.Where(d => d.PublicName == null && d.PledgeId == null).GroupBy(d => d.ProjectId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return named.Concat(pledges).Concat(gifts).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
    }
}
