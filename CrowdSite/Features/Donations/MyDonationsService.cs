using CrowdSite.Data;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Donations;

/// <summary>What /me shows a signed-in donor: their gifts and pledges, and Stripe's portal to manage a live pledge.</summary>
public sealed class MyDonationsService(IDbContextFactory<CrowdSiteDbContext> dbFactory, IPaymentGateway gateway)
{
    /// <summary>A signed-in donor's gifts, newest first, and their pledges.</summary>
    public async Task<(IReadOnlyList<(Donation Donation, Project Project)> Donations, IReadOnlyList<(Pledge Pledge, Project Project, string? Token)> Pledges)>
        ForDonorAsync(string donorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var donations = await db.Donations.AsNoTracking().Where(d => d.DonorId == donorId).OrderByDescending(d => d.Id).Take(200).ToListAsync(ct);
        var pledges = await db.Pledges.AsNoTracking().Where(p => p.DonorId == donorId).OrderByDescending(p => p.Id).ToListAsync(ct);
        var projectIds = donations.Select(d => d.ProjectId).Concat(pledges.Select(p => p.ProjectId)).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        // Each pledge is managed from the receipt of its first payment.
        var firstReceipts = donations.Where(d => d.PledgeId != null).GroupBy(d => d.PledgeId!.Value).ToDictionary(g => g.Key, g => g.MinBy(d => d.Id)!.ReceiptToken);
        return (donations.Select(d => (d, projects[d.ProjectId])).ToList(),
            pledges.Select(p => (p, projects[p.ProjectId], firstReceipts.GetValueOrDefault(p.Id))).ToList());
    }

    /// <summary>
    /// Stripe's customer portal for one of the signed-in donor's live pledges. Null when the pledge is not
    /// theirs (checked here, not by hiding buttons) or is managed on this site.
    /// </summary>
    public async Task<string?> PortalForAsync(int pledgeId, string donorId, Uri returnUrl, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pledge = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pledgeId && p.DonorId == donorId, ct);
        return pledge is { Simulated: false, StripeCustomerId: { } customer } ? await gateway.CreatePortalAsync(customer, returnUrl, ct) : null;
    }
}
