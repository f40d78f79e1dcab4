namespace CrowdSite.Features.Ledger;

/// <summary>
/// Sums of a project's entries by what they count as, signed from the project's view (fees and
/// charges are negative). Reversals count in the bucket of what they reverse; refunds have their own.
/// </summary>
public interface IMoneyBuckets
{
    long Donated { get; set; }
    long Fees { get; set; }
    long PotContributed { get; set; }
    long Charged { get; set; }
    long Granted { get; set; }
    long Refunded { get; set; }
}
