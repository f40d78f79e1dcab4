namespace CrowdSite.Features.Ledger;

/// <summary>
/// How long the money lasts: <see cref="Days"/> by <see cref="Method"/>, and the same "if nothing changes"
/// (costs held at the last 30 days' rate). Null days mean the money does not run out ("sustainable").
/// <see cref="IncomeMonths"/>: how many 30-day windows the typical one-time income is the median of.
/// </summary>
public sealed record RunwayFigures(
    int? Days, DateOnly? FundedUntil, RunwayMethod Method, int? DaysIfNothingChanges, DateOnly? FundedUntilIfNothingChanges, int IncomeMonths)
{
    /// <summary>Whether the two projections differ by more than 10% (or only one of them runs out), so both are worth showing.</summary>
    public bool TrendDiffers => Funding.DifferMuch(Days, DaysIfNothingChanges);
}
