namespace CrowdSite.Features.Donations;

/// <summary>Stored by name: a donation row exists only once its payment succeeded.</summary>
public enum DonationStatus
{
    Succeeded,
    Refunded,
    PartiallyRefunded,
    Disputed,
}
