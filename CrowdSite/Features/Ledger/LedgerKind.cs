namespace CrowdSite.Features.Ledger;

/// <summary>What a ledger entry records (DESIGN §3). Serialized in camelCase.</summary>
public enum LedgerKind
{
    Donation,
    Fee,
    PotContribution,
    Charge,
    Grant,
    Refund,
    Reversal,
}
