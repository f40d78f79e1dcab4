namespace CrowdSite.Features.FreeTier;

public enum ApplicationStatus
{
    Pending,
    Approved,
    Declined,
}
