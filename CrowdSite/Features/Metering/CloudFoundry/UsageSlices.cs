using CrowdSite.Features.Projects;

namespace CrowdSite.Features.Metering.CloudFoundry;

public static class UsageSlices
{
    /// <summary>
    /// Splits [start, end) at every deployment start and UTC midnight inside it; each slice belongs to the
    /// deployment running at its start. Null when some of the time has no deployment on record.
    /// </summary>
    public static IReadOnlyList<UsageSlice>? Split(DateTime start, DateTime end, long instances, long memoryMb, IReadOnlyList<Deployment> deployments)
    {
        var cuts = new SortedSet<DateTime> { start, end };
        foreach (var d in deployments.Where(d => d.StartedAt > start && d.StartedAt < end))
        {
            cuts.Add(d.StartedAt);
        }

        for (var midnight = start.Date.AddDays(1); midnight < end; midnight = midnight.AddDays(1))
        {
            cuts.Add(midnight);
        }

        var points = cuts.ToList();
        var slices = new List<UsageSlice>();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var running = deployments.Where(d => d.StartedAt <= points[i]).MaxBy(d => d.StartedAt);
            if (running is null)
            {
                return null;
            }

            slices.Add(new UsageSlice(points[i], points[i + 1], instances, memoryMb, running));
        }

        return slices;
    }
}
