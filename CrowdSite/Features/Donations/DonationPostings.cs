using CrowdSite.Features.Ledger;

namespace CrowdSite.Features.Donations;

/// <summary>Builds the ledger transaction of a received donation; every payment path (Stripe, simulated, demo) uses it.</summary>
public static class DonationPostings
{
    public static Posting Build(ReceivedGift gift, string idempotencyKey, DateTime? at, Func<LedgerTransaction, object>? attach)
    {
        var project = Accounts.Project(gift.ProjectId);
        List<PostingLine> lines =
        [
            new(Accounts.Donors, LedgerKind.Donation, -gift.Gross),
            new(project, LedgerKind.Donation, gift.Gross),
        ];
        if (gift.Fee > 0)
        {
            lines.Add(new(project, LedgerKind.Fee, -gift.Fee));
            lines.Add(new(Accounts.ProcessorFees, LedgerKind.Fee, gift.Fee));
        }

        if (gift.PotShare > 0)
        {
            lines.Add(new(project, LedgerKind.PotContribution, -gift.PotShare));
            lines.Add(new(Accounts.Pot, LedgerKind.PotContribution, gift.PotShare));
        }

        return new Posting
        {
            IdempotencyKey = idempotencyKey,
            Kind = LedgerKind.Donation,
            Currency = gift.Currency,
            Description = gift.Recurring ? $"Monthly donation to {gift.ProjectName}" : $"Donation to {gift.ProjectName}",
            ProjectId = gift.ProjectId,
            Recurring = gift.Recurring,
            Lines = lines,
            At = at,
            Attach = attach,
        };
    }
}
