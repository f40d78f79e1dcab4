namespace CrowdSite.Features.Alerts;

public enum OutboxKind
{
    Confirmation,
    FundingAlert,
    Update,
}
