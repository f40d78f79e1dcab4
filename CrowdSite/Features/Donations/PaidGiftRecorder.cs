using System.Buffers.Text;
using System.Security.Cryptography;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Donations;

/// <summary>
/// The one path that records a paid gift: its ledger transaction and its donation, keyed so that a redelivered or
/// duplicated event records nothing twice.
/// </summary>
public sealed class PaidGiftRecorder(IDbContextFactory<CrowdSiteDbContext> dbFactory, LedgerService ledger)
{
    /// <summary>
    /// Posts the gift and stages <paramref name="alongside"/> (the intent or pledge it settles) in the ledger's own database
    /// transaction, so the gift and that change commit together or not at all. Returns the donation the posting wrote (or
    /// had already written), with whether this call recorded it.
    /// </summary>
    public async Task<(PaymentOutcome Outcome, Donation? Donation)> RecordAsync(
        PaidGift gift, Func<CrowdSiteDbContext, Task> alongside, CancellationToken ct)
    {
        var posting = DonationPostings.Build(gift.Received, gift.IdempotencyKey, null, tx => ToDonation(gift, tx));
        var result = (await ledger.PostBatchAsync([posting], alongside, ct))[0];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var donation = await db.Donations.AsNoTracking().FirstAsync(d => d.LedgerTransactionId == result.Transaction.Id, ct);
        return (result.Created ? PaymentOutcome.Recorded : PaymentOutcome.AlreadyRecorded, donation);
    }

    /// <summary>The donation a paid gift becomes, attached to its ledger transaction, with a new receipt token.</summary>
    public static Donation ToDonation(PaidGift gift, LedgerTransaction transaction) => new()
    {
        ProjectId = gift.Received.ProjectId, DonorId = gift.DonorId, Amount = gift.Received.Gross, Fee = gift.Received.Fee,
        PotShare = gift.Received.PotShare, Currency = gift.Received.Currency, Recurring = gift.Received.Recurring,
        PledgeId = gift.PledgeId, Pledge = gift.NewPledge, PublicName = gift.PublicName, Visibility = gift.Visibility, Message = gift.Message,
        PresentmentAmount = gift.Presented?.Amount, PresentmentCurrency = gift.Presented?.Currency,
        Status = DonationStatus.Succeeded, CreatedAt = gift.At, CheckoutIntentId = gift.CheckoutIntentId, LedgerTransaction = transaction,
        StripeCheckoutSessionId = gift.SessionId, StripePaymentIntentId = gift.PaymentIntentId, StripeInvoiceId = gift.InvoiceId,
        StripeSubscriptionId = gift.SubscriptionId, ReceiptToken = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)),
    };
}
