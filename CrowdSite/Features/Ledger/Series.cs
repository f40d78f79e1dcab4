namespace CrowdSite.Features.Ledger;

public sealed record Series(SeriesMetric Metric, SeriesInterval Interval, string Currency, DateOnly From, DateOnly To, IReadOnlyList<SeriesPoint> Points);
