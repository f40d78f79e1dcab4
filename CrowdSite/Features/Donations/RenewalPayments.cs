using CrowdSite.Data;
using CrowdSite.Features.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Donations;

/// <summary>A monthly pledge charged again: a new gift on the pledge's terms.</summary>
public sealed class RenewalPayments(
    IDbContextFactory<CrowdSiteDbContext> dbFactory, PaidGiftRecorder recorder, TimeProvider time, IOptions<PlatformOptions> platform)
{
    public async Task<(PaymentOutcome Outcome, Donation? Donation)> PaidAsync(RenewalPaid renewal, CancellationToken ct)
    {
        Pledge? pledge;
        string projectName;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            pledge = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.StripeSubscriptionId == renewal.SubscriptionId, ct);
            if (pledge is null)
            {
                return (PaymentOutcome.NotYet, null);
            }

            projectName = await db.Projects.Where(p => p.Id == pledge.ProjectId).Select(p => p.Name).FirstAsync(ct);
        }

        var potShare = pledge.PotOptIn ? DonationMath.PotShare(Math.Min(pledge.Gift, renewal.AmountPaid), platform.Value.PotPercent) : 0;
        var received = new ReceivedGift(pledge.ProjectId, projectName, renewal.AmountPaid, renewal.Fee, potShare, pledge.Currency, Recurring: true);
        var gift = new PaidGift(received, $"invoice:{renewal.InvoiceId}", time.GetUtcNow().UtcDateTime)
        {
            DonorId = pledge.DonorId, PledgeId = pledge.Id, PublicName = pledge.PublicName, Visibility = pledge.Visibility,
            InvoiceId = renewal.InvoiceId, PaymentIntentId = renewal.PaymentIntentId, SubscriptionId = renewal.SubscriptionId,
        };
        var pledgeId = pledge.Id;
        // A retried payment that succeeds brings a past-due pledge back into the donation rate, with the gift that paid it.
        return await recorder.RecordAsync(gift, db => db.Pledges.Where(p => p.Id == pledgeId && p.Status == PledgeStatus.PastDue)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PledgeStatus.Active), ct), ct);
    }
}
