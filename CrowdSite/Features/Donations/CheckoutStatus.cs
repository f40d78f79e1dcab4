namespace CrowdSite.Features.Donations;

public enum CheckoutStatus
{
    Open,
    Completed,
    Canceled,
}
