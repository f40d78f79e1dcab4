using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Donations;

/// <summary>Money going back to the donor (a refund or a dispute), and a dispute won bringing it back.</summary>
public sealed class PaymentReversals(IDbContextFactory<CrowdSiteDbContext> dbFactory, LedgerService ledger, ILiveUpdates live)
{
    public async Task<PaymentOutcome> ReverseAsync(PaymentReversed reversed, CancellationToken ct)
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
            live.Publish(LiveTopic.Project(donation.ProjectId)); // the backers list follows the donation's status
            return result.Created ? PaymentOutcome.Recorded : PaymentOutcome.AlreadyRecorded;
        }
        catch (InvalidPostingException)
        {
            // An older event with a smaller amount_refunded, after a newer one: the books are already there.
            return PaymentOutcome.AlreadyRecorded;
        }
    }

    public async Task<PaymentOutcome> ReinstateAsync(DisputeWon won, CancellationToken ct)
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
            live.Publish(LiveTopic.Project(projectId));
        }

        return result.Created ? PaymentOutcome.Recorded : PaymentOutcome.AlreadyRecorded;
    }
}
