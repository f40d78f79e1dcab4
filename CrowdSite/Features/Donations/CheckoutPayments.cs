using CrowdSite.Data;
using CrowdSite.Features.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Donations;

/// <summary>A checkout's outcome: paid (the gift, and a monthly gift's pledge) or failed after completing (a bank debit).</summary>
public sealed class CheckoutPayments(
    IDbContextFactory<CrowdSiteDbContext> dbFactory, PaidGiftRecorder recorder, TimeProvider time, IOptions<PlatformOptions> platform)
{
    public async Task<(PaymentOutcome Outcome, Donation? Donation)> PaidAsync(CheckoutPaid paid, CancellationToken ct)
    {
        CheckoutIntent? intent;
        string projectName;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            intent = await db.CheckoutIntents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == paid.IntentId, ct);
            if (intent is null)
            {
                return (PaymentOutcome.Ignored, null);
            }

            projectName = await db.Projects.Where(p => p.Id == intent.ProjectId).Select(p => p.Name).FirstAsync(ct);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var intentId = intent.Id;
        // The intent closes in the gift's own transaction: a crash leaves both, or neither.
        return await recorder.RecordAsync(Gift(paid, intent, projectName, now), db =>
            db.CheckoutIntents.Where(i => i.Id == intentId && i.Status != CheckoutStatus.Completed)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, CheckoutStatus.Completed).SetProperty(i => i.CompletedAt, now), ct), ct);
    }

    public async Task<PaymentOutcome> FailedAsync(CheckoutFailed failed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.CheckoutIntents.Where(i => i.Id == failed.IntentId && i.Status == CheckoutStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, CheckoutStatus.Canceled), ct);
        return changed > 0 ? PaymentOutcome.Recorded : PaymentOutcome.AlreadyRecorded;
    }

    private PaidGift Gift(CheckoutPaid paid, CheckoutIntent intent, string projectName, DateTime now)
    {
        // The books use what the processor charged. The pot's share is of the gift, never of a fee cover.
        var gift = Math.Min(intent.Gift, paid.AmountTotal);
        var potShare = intent.PotOptIn ? DonationMath.PotShare(gift, platform.Value.PotPercent) : 0;
        var donorId = intent.DonorId ?? paid.CustomerId;
        var received = new ReceivedGift(intent.ProjectId, projectName, paid.AmountTotal, paid.Fee, potShare, intent.Currency, intent.Recurring);
        // A monthly gift's first payment is also its first invoice: keying both on the invoice records it once.
        return new PaidGift(received, paid.InvoiceId is { } invoice ? $"invoice:{invoice}" : $"checkout:{intent.Id}", now)
        {
            DonorId = donorId, PublicName = intent.PublicName, Visibility = intent.Visibility, Message = intent.Message,
            Presented = paid.Presented, CheckoutIntentId = intent.Id, SessionId = paid.SessionId, PaymentIntentId = paid.PaymentIntentId,
            InvoiceId = paid.InvoiceId, SubscriptionId = paid.SubscriptionId,
            NewPledge = intent.Recurring ? new Pledge
            {
                ProjectId = intent.ProjectId, DonorId = donorId, MonthlyAmount = paid.AmountTotal, Currency = intent.Currency,
                PublicName = intent.PublicName, Visibility = intent.Visibility, Status = PledgeStatus.Active, StartedAt = now,
                StripeSubscriptionId = paid.SubscriptionId, StripeCustomerId = paid.CustomerId, Simulated = intent.Simulated,
                PotOptIn = intent.PotOptIn, Gift = gift,
            } : null,
        };
    }
}
