namespace CrowdSite.Features.Donations;

public enum PledgeStatus
{
    Active,
    PastDue,
    Ended,
}
