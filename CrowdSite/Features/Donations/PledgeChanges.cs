using CrowdSite.Data;
using CrowdSite.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Donations;

/// <summary>A monthly pledge's status moving without money: past due after a failed payment, or ended.</summary>
public sealed class PledgeChanges(IDbContextFactory<CrowdSiteDbContext> dbFactory, TimeProvider time, ILiveUpdates live)
{
    public async Task<PaymentOutcome> PastDueAsync(PledgePaymentFailed failed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pledges = db.Pledges.Where(p => p.StripeSubscriptionId == failed.SubscriptionId && p.Status == PledgeStatus.Active);
        var projectId = await pledges.Select(p => (int?)p.ProjectId).FirstOrDefaultAsync(ct);
        var changed = await pledges.ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PledgeStatus.PastDue), ct);
        return Changed(changed, projectId);
    }

    public async Task<PaymentOutcome> EndAsync(PledgeEnded ended, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var pledges = db.Pledges.Where(p => p.StripeSubscriptionId == ended.SubscriptionId && p.Status != PledgeStatus.Ended);
        var projectId = await pledges.Select(p => (int?)p.ProjectId).FirstOrDefaultAsync(ct);
        var changed = await pledges.ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PledgeStatus.Ended).SetProperty(p => p.EndedAt, now), ct);
        return Changed(changed, projectId);
    }

    /// <summary>A pledge's status moves the donation rate: open pages and cached ones must show it.</summary>
    private PaymentOutcome Changed(int changed, int? projectId)
    {
        if (changed == 0 || projectId is null)
        {
            return PaymentOutcome.AlreadyRecorded;
        }

        live.Publish(LiveTopic.Project(projectId.Value));
        return PaymentOutcome.Recorded;
    }
}
