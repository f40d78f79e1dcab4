namespace CrowdSite.Features.Ledger;

public enum SeriesMetric
{
    Cost,
    Donations,
    Balance,
}
