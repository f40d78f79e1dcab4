namespace CrowdSite.Components.Charts;

public sealed record ChartPoint(DateOnly Day, long? Amount);
