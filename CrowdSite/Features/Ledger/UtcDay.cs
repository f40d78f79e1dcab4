namespace CrowdSite.Features.Ledger;

/// <summary>
/// "Today" for the books: the UTC date, the same on every server whatever its time zone. Rollups, the 30-day
/// rates and the month to close all count UTC days.
/// </summary>
public static class UtcDay
{
    public static DateOnly UtcToday(this TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
