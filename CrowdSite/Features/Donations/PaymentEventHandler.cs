using System.Buffers.Text;
using System.Security.Cryptography;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Live;
using CrowdSite.Features.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Donations;

/// <summary>
/// Turns payment events into donations, pledges and ledger transactions. Every write is keyed so that a
/// redelivered, duplicated or concurrent event records nothing twice.
/// </summary>
public sealed class PaymentEventHandler(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    LedgerService ledger,
    TimeProvider time,
    IOptions<PlatformOptions> platform,
    ILiveUpdates live,
    ILogger<PaymentEventHandler> logger)
{
    public async Task<(PaymentOutcome Outcome, Donation? Donation)> HandleAsync(PaymentEvent payment, CancellationToken ct = default)
    {
        var result = payment switch
        {
            CheckoutPaid paid => await CheckoutPaidAsync(paid, ct),
            RenewalPaid renewal => await RenewalPaidAsync(renewal, ct),
            CheckoutFailed failed => (await CloseFailedCheckoutAsync(failed, ct), null),
            PaymentReversed reversed => (await ReverseAsync(reversed, ct), null),
            PledgeEnded ended => (await EndPledgeAsync(ended, ct), null),
            DisputeWon won => (await ReinstateAsync(won, ct), null),
            PledgePaymentFailed failed => (await MarkPastDueAsync(failed, ct), null),
            _ => (PaymentOutcome.Ignored, null),
        };
        logger.LogInformation("Payment event {EventId} ({Type}): {Outcome}", payment.EventId, payment.GetType().Name, result.Item1);
        return result;
    }

    private async Task<(PaymentOutcome, Donation?)> CheckoutPaidAsync(CheckoutPaid paid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var intent = await db.CheckoutIntents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == paid.IntentId, ct);
        if (intent is null)
        {
            return (PaymentOutcome.Ignored, null);
        }

        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == intent.ProjectId, ct);
        // The books use what the processor charged. The pot's share is of the gift, never of a fee cover.
        var gift = Math.Min(intent.Gift, paid.AmountTotal);
        var potShare = intent.PotOptIn ? DonationMath.PotShare(gift, platform.Value.PotPercent) : 0;
        var now = time.GetUtcNow().UtcDateTime;
        // A monthly gift's first payment is also its first invoice: keying both on the invoice records it once.
        var key = paid.InvoiceId is { } invoice ? $"invoice:{invoice}" : $"checkout:{intent.Id}";
        var donorId = intent.DonorId ?? paid.CustomerId;
        var received = new ReceivedGift(project.Id, project.Name, paid.AmountTotal, paid.Fee, potShare, intent.Currency, intent.Recurring);
        var result = await ledger.PostAsync(DonationPostings.Build(received, key, null, tx => new Donation
        {
            ProjectId = project.Id, DonorId = donorId, Amount = paid.AmountTotal, Fee = paid.Fee, PotShare = potShare,
            Currency = intent.Currency, Recurring = intent.Recurring, PublicName = intent.PublicName, Visibility = intent.Visibility, Message = intent.Message,
            PresentmentAmount = paid.Presented?.Amount, PresentmentCurrency = paid.Presented?.Currency,
            Status = DonationStatus.Succeeded, CreatedAt = now, CheckoutIntentId = intent.Id, LedgerTransaction = tx,
            StripeCheckoutSessionId = paid.SessionId, StripePaymentIntentId = paid.PaymentIntentId, StripeInvoiceId = paid.InvoiceId,
            StripeSubscriptionId = paid.SubscriptionId, ReceiptToken = NewReceiptToken(),
            Pledge = intent.Recurring ? new Pledge
            {
                ProjectId = project.Id, DonorId = donorId, MonthlyAmount = paid.AmountTotal, Currency = intent.Currency,
                PublicName = intent.PublicName, Visibility = intent.Visibility, Status = PledgeStatus.Active, StartedAt = now, StripeSubscriptionId = paid.SubscriptionId, StripeCustomerId = paid.CustomerId,
                Simulated = intent.Simulated, PotOptIn = intent.PotOptIn, Gift = gift,
            } : null,
        }), ct);

        await db.CheckoutIntents.Where(i => i.Id == intent.Id && i.Status != CheckoutStatus.Completed)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, CheckoutStatus.Completed).SetProperty(i => i.CompletedAt, now), ct);
        return await RecordedDonationAsync(db, result, ct);
    }

    private async Task<(PaymentOutcome, Donation?)> RenewalPaidAsync(RenewalPaid renewal, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pledge = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.StripeSubscriptionId == renewal.SubscriptionId, ct);
        if (pledge is null)
        {
            return (PaymentOutcome.NotYet, null);
        }

        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == pledge.ProjectId, ct);
        var potShare = pledge.PotOptIn ? DonationMath.PotShare(Math.Min(pledge.Gift, renewal.AmountPaid), platform.Value.PotPercent) : 0;
        var now = time.GetUtcNow().UtcDateTime;
        var received = new ReceivedGift(project.Id, project.Name, renewal.AmountPaid, renewal.Fee, potShare, pledge.Currency, Recurring: true);
        var result = await ledger.PostAsync(DonationPostings.Build(received, $"invoice:{renewal.InvoiceId}", null, tx => new Donation
        {
            ProjectId = project.Id, DonorId = pledge.DonorId, Amount = renewal.AmountPaid, Fee = renewal.Fee, PotShare = potShare,
            Currency = pledge.Currency, Recurring = true, PledgeId = pledge.Id, PublicName = pledge.PublicName, Visibility = pledge.Visibility,
            Status = DonationStatus.Succeeded, CreatedAt = now, LedgerTransaction = tx, StripeInvoiceId = renewal.InvoiceId,
            StripePaymentIntentId = renewal.PaymentIntentId, StripeSubscriptionId = renewal.SubscriptionId, ReceiptToken = NewReceiptToken(),
        }), ct);
        // A retried payment that succeeds brings a past-due pledge back into the donation rate.
        await db.Pledges.Where(p => p.Id == pledge.Id && p.Status == PledgeStatus.PastDue)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PledgeStatus.Active), ct);
        return await RecordedDonationAsync(db, result, ct);
    }

    /// <summary>The donation a posting wrote (or had already written), with whether this event recorded it.</summary>
    private static async Task<(PaymentOutcome, Donation?)> RecordedDonationAsync(CrowdSiteDbContext db, PostingResult result, CancellationToken ct)
    {
        var donation = await db.Donations.AsNoTracking().FirstAsync(d => d.LedgerTransactionId == result.Transaction.Id, ct);
        return (result.Created ? PaymentOutcome.Recorded : PaymentOutcome.AlreadyRecorded, donation);
    }

    private async Task<PaymentOutcome> ReverseAsync(PaymentReversed reversed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var donation = await db.Donations.FirstOrDefaultAsync(d => d.StripePaymentIntentId == reversed.PaymentIntentId, ct);
        if (donation?.LedgerTransactionId is not { } transactionId)
        {
            return PaymentOutcome.NotYet;
        }

        var portion = Portion.Of(reversed.ReversedSoFar, reversed.PaymentAmount);
        var what = reversed.Dispute ? "Disputed" : portion.IsWhole ? "Refunded" : "Partly refunded";
        try
        {
            var result = await ledger.ReverseAsync(transactionId, $"reversal:{reversed.ReversalId}", LedgerKind.Refund,
                $"{what}: donation #{donation.Id}", portion, ct);
            donation.Status = reversed.Dispute ? DonationStatus.Disputed : portion.IsWhole ? DonationStatus.Refunded : DonationStatus.PartiallyRefunded;
            donation.RefundTransactionId = result.Transaction.Id;
            await db.SaveChangesAsync(ct);
            ProjectChanged(donation.ProjectId); // the backers list follows the donation's status
            return result.Created ? PaymentOutcome.Recorded : PaymentOutcome.AlreadyRecorded;
        }
        catch (InvalidPostingException)
        {
            // An older event with a smaller amount_refunded, after a newer one: the books are already there.
            return PaymentOutcome.AlreadyRecorded;
        }
    }

    private async Task<PaymentOutcome> ReinstateAsync(DisputeWon won, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var dispute = await db.LedgerTransactions.AsNoTracking().FirstOrDefaultAsync(t => t.IdempotencyKey == $"reversal:{won.DisputeId}", ct);
        if (dispute?.ReversesTransactionId is not { } donationTransaction)
        {
            return PaymentOutcome.NotYet;
        }

        var result = await ledger.ReverseAsync(dispute.Id, $"reinstate:{won.DisputeId}", LedgerKind.Reversal, "Dispute won: donation reinstated", ct);
        await db.Donations.Where(d => d.LedgerTransactionId == donationTransaction)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DonationStatus.Succeeded), ct);
        if (dispute.ProjectId is { } projectId)
        {
            ProjectChanged(projectId);
        }

        return result.Created ? PaymentOutcome.Recorded : PaymentOutcome.AlreadyRecorded;
    }

    private async Task<PaymentOutcome> MarkPastDueAsync(PledgePaymentFailed failed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pledges = db.Pledges.Where(p => p.StripeSubscriptionId == failed.SubscriptionId && p.Status == PledgeStatus.Active);
        var projectId = await pledges.Select(p => (int?)p.ProjectId).FirstOrDefaultAsync(ct);
        var changed = await pledges.ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PledgeStatus.PastDue), ct);
        return await PledgeChangedAsync(changed, projectId);
    }

    private async Task<PaymentOutcome> CloseFailedCheckoutAsync(CheckoutFailed failed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.CheckoutIntents.Where(i => i.Id == failed.IntentId && i.Status == CheckoutStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, CheckoutStatus.Canceled), ct);
        return changed > 0 ? PaymentOutcome.Recorded : PaymentOutcome.AlreadyRecorded;
    }

    private async Task<PaymentOutcome> EndPledgeAsync(PledgeEnded ended, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var pledges = db.Pledges.Where(p => p.StripeSubscriptionId == ended.SubscriptionId && p.Status != PledgeStatus.Ended);
        var projectId = await pledges.Select(p => (int?)p.ProjectId).FirstOrDefaultAsync(ct);
        var changed = await pledges.ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PledgeStatus.Ended).SetProperty(p => p.EndedAt, now), ct);
        return await PledgeChangedAsync(changed, projectId);
    }

    /// <summary>A pledge's status moves the donation rate: open pages and cached ones must show it.</summary>
    private async Task<PaymentOutcome> PledgeChangedAsync(int changed, int? projectId)
    {
        if (changed == 0 || projectId is null)
        {
            return PaymentOutcome.AlreadyRecorded;
        }

        ProjectChanged(projectId.Value);
        return PaymentOutcome.Recorded;
    }

    /// <summary>Tells the project's pages that what they show changed outside the ledger's own notice (a donation's or a pledge's status).</summary>
    private void ProjectChanged(int projectId) => live.Publish(LiveTopic.Project(projectId));

    private static string NewReceiptToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
}
