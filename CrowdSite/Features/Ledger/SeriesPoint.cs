namespace CrowdSite.Features.Ledger;

/// <summary>
/// One point of a chart: the bucket starting at <see cref="Start"/>. For cost and donations the amount
/// is that bucket's total; for balance, the balance at the bucket's end.
/// </summary>
public sealed record SeriesPoint(DateOnly Start, long Amount, IReadOnlyDictionary<string, long>? ByResource = null);
