namespace CrowdSite.Features.Donations;

/// <summary>Donation and pledge statuses as people read them: the receipt and /me say the same words.</summary>
public static class StatusText
{
    public static string Of(DonationStatus status) => status switch
    {
        DonationStatus.Succeeded => "paid",
        DonationStatus.PartiallyRefunded => "partly refunded",
        DonationStatus.Refunded => "refunded",
        DonationStatus.Disputed => "disputed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Of(PledgeStatus status) => status switch
    {
        PledgeStatus.Active => "active",
        PledgeStatus.PastDue => "past due",
        PledgeStatus.Ended => "ended",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
