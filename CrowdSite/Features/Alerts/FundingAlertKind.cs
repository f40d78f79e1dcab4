namespace CrowdSite.Features.Alerts;

public enum FundingAlertKind
{
    RunwayBelow,
    Sustainable,
}
