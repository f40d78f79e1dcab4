namespace CrowdSite.Features.Ledger;

/// <summary>What the figures are derived from, read from the ledger's rollups for one project as of a day.</summary>
/// <param name="OneTimeByMonth">One-time gifts per 30-day window, newest first (the first ends today).</param>
/// <param name="DailyCost">Charges of each complete day before today, oldest first, from the first charged day of the trend window.</param>
/// <param name="Donated">Lifetime gifts, gross; with <paramref name="Kept"/> (what stayed after fees and pot shares) the share of a gift that reaches the balance.</param>
public sealed record FundingInputs(
    long Balance,
    long MonthlyCost,
    long MonthlyDonationRate,
    long ActivePledges,
    IReadOnlyList<long> OneTimeByMonth,
    IReadOnlyList<long> DailyCost,
    long Donated = 0,
    long Kept = 0);
