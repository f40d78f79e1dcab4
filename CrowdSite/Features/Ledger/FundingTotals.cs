namespace CrowdSite.Features.Ledger;

/// <summary>A project's lifetime totals, as positive magnitudes (DESIGN §6 <c>totals</c>).</summary>
public sealed record FundingTotals(long Donated, long Fees, long Charged, long PotContributed, long Granted, long Refunded);
