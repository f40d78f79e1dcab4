namespace CrowdSite.Features.Ledger;

internal static class MoneyBuckets
{
    public static void Add(IMoneyBuckets buckets, LedgerKind countsAs, long amount)
    {
        switch (countsAs)
        {
            case LedgerKind.Donation: buckets.Donated += amount; break;
            case LedgerKind.Fee: buckets.Fees += amount; break;
            case LedgerKind.PotContribution: buckets.PotContributed += amount; break;
            case LedgerKind.Charge: buckets.Charged += amount; break;
            case LedgerKind.Grant: buckets.Granted += amount; break;
            case LedgerKind.Refund: buckets.Refunded += amount; break;
        }
    }
}
