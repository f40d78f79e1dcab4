namespace CrowdSite.Features.Ledger;

public enum SeriesInterval
{
    Day,
    Week,
    Month,
}
