using CrowdSite.Features.Metering;

namespace CrowdSite.Data.Demo;

/// <summary>
/// A year of plausible usage for a demo project: monthly active users growing smoothly (faster than its costs, so the cost
/// per user falls: the point of the calculator), and each day's requests with a weekly rhythm.
/// </summary>
internal static class DemoUsage
{
    /// <summary>Monthly active users a year ago and today, and requests a day per active user.</summary>
    private static (long From, long To, int RequestsPerUser) Of(string slug) => slug switch
    {
        "crowdsite" => (9_000, 26_000, 6),
        "takahe" => (19_000, 48_000, 14),
        "miniflux" => (2_400, 6_100, 30),
        "lobsters" => (15_000, 33_000, 9),
        "umami" => (1_100, 4_600, 40),
        "excalidraw" => (700, 2_600, 12),
        _ => (1_000, 2_000, 10),
    };

    public static IEnumerable<ProjectMetric> Build(string slug, int projectId, DateTime start, DateTime now)
    {
        var (from, to, perUser) = Of(slug);
        var random = new Random(slug.Aggregate(23, (hash, c) => unchecked(hash * 31 + c)));
        var days = (now.Date - start.Date).Days;
        for (var i = 0; i < days; i++)
        {
            var day = DateOnly.FromDateTime(start.Date.AddDays(i));
            // Geometric growth from `from` to `to` (a ratio, not money), a little noise on top.
            var users = (long)Math.Round(from * Math.Pow((double)to / from, (double)i / (days - 1)) * random.Next(985, 1016) / 1000);
            var weekday = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 75 : 100;
            var requests = users * perUser * weekday / 100 * random.Next(85, 116) / 100;
            yield return new ProjectMetric
            {
                ProjectId = projectId, Day = day, ActiveUsers = users, Requests = requests, ReportedAt = day.ToDateTime(new TimeOnly(23, 30), DateTimeKind.Utc),
            };
        }
    }
}
