namespace CrowdSite.Features.Ledger;

/// <summary>The whole platform's money: raised from donors, spent on compute, fees, and the free-tier pot.</summary>
public sealed record PlatformTotals(string Currency, long Raised, long SpentOnCompute, long Fees, long Pot, long Granted, long Refunded);
