namespace CrowdSite.Features.Donations;

/// <summary>What handling an event did, for the caller's answer and for logs.</summary>
public enum PaymentOutcome
{
    Recorded,
    AlreadyRecorded,
    Ignored,

    /// <summary>It refers to something we have not recorded yet (events arrived out of order): try again later.</summary>
    NotYet,
}
