namespace CrowdSite.Features.Projects.Deploys;

/// <summary>Pure arithmetic of deploy costs over a project's daily charges and request counts; integers only, halves round up.</summary>
public static class DeployCosts
{
    /// <summary>
    /// Each run's cost per complete day and its change against the run before it, newest first.
    /// <paramref name="runs"/> oldest first; <paramref name="dailyCost"/> the charges of each day (a day missing is a day without charges);
    /// <paramref name="dailyRequests"/> the requests reported for a day (a day missing has no figure).
    /// </summary>
    public static IReadOnlyList<DeployCost> Compute(
        IReadOnlyList<DeployRun> runs, IReadOnlyDictionary<DateOnly, long> dailyCost, IReadOnlyDictionary<DateOnly, long> dailyRequests,
        DateTime now, string currency)
    {
        var result = new List<DeployCost>(runs.Count);
        (string Sha, long Sum, int Days)? previous = null;
        foreach (var run in runs.OrderBy(r => r.StartedAt).ThenBy(r => r.Id))
        {
            var days = CompleteDays(run.StartedAt, run.EndedAt, now);
            var sum = days.Sum(d => dailyCost.GetValueOrDefault(d));
            var metered = days.Where(d => dailyRequests.GetValueOrDefault(d) > 0).ToList();
            var (change, text) = previous is { } p && days.Count > 0 ? Change(run.Sha, sum, days.Count, p) : (null, null);
            result.Add(new DeployCost(
                run.Id, run.Sha, run.Sha[..7], $"https://github.com/{run.Repository}/commit/{run.Sha}", run.Message, run.StartedAt, run.EndedAt,
                days.Count, days.Count > 0 ? DivideHalfUp(sum, days.Count) : null,
                PerThousandRequests(metered.Sum(d => dailyCost.GetValueOrDefault(d)), metered.Sum(d => dailyRequests[d])),
                change is null ? null : previous!.Value.Sha, change, text, currency));
            if (days.Count > 0)
            {
                previous = (run.Sha, sum, days.Count);
            }
        }

        result.Reverse();
        return result;
    }

    /// <summary>The whole UTC days inside [start, end); a run still going ends now, so today never counts.</summary>
    public static IReadOnlyList<DateOnly> CompleteDays(DateTime startedAt, DateTime? endedAt, DateTime now)
    {
        var first = DateOnly.FromDateTime(startedAt);
        if (startedAt.TimeOfDay != TimeSpan.Zero)
        {
            first = first.AddDays(1);
        }

        var end = DateOnly.FromDateTime(endedAt is { } e && e < now ? e : now); // the day holding the end is partial (or starts at it)
        var days = new List<DateOnly>();
        for (var d = first; d < end; d = d.AddDays(1))
        {
            days.Add(d);
        }

        return days;
    }

    /// <summary>(cost a day now ÷ cost a day before − 1) in whole percent, half away from zero, from the exact sums; null when the one before cost nothing.</summary>
    private static (long?, string?) Change(string sha, long sum, int days, (string Sha, long Sum, int Days) before)
    {
        if (before.Sum <= 0)
        {
            return (null, null);
        }

        Int128 numerator = ((Int128)sum * before.Days - (Int128)before.Sum * days) * 100;
        Int128 denominator = (Int128)before.Sum * days;
        var magnitude = (long)((Int128.Abs(numerator) * 2 + denominator) / (2 * denominator));
        var percent = numerator < 0 ? -magnitude : magnitude;
        var signed = percent switch { > 0 => $"+{percent}%", < 0 => $"\u2212{-percent}%", _ => "±0%" };
        return (percent, $"{sha[..7]}: {signed} a day against {before.Sha[..7]}");
    }

    private static double? PerThousandRequests(long cost, long requests) =>
        requests <= 0 ? null : (long)(((Int128)cost * 1000 * 100 * 2 + requests) / (2 * (Int128)requests)) / 100.0;

    private static long DivideHalfUp(long sum, int count) => (sum * 2 + count) / (2L * count);
}
