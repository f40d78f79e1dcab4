using CrowdSite.Features.Projects.Deploys;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrowdSite.Tests.Features.Projects.Deploys;

public sealed class DeployCostsTests
{
    private static readonly string ShaA = "5624ad5" + new string('a', 33);
    private static readonly string ShaB = "d45f22c" + new string('b', 33);
    private static readonly string ShaC = "c0ffee1" + new string('c', 33);
    private readonly FakeTimeProvider _time = new(TestDatabase.Now); // 2026-11-26 12:00 UTC

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private static DateOnly Day(int day) => new(2026, 11, day);

    private static DateTime At(int day, int hour) => new(2026, 11, day, hour, 0, 0, DateTimeKind.Utc);

    private static Dictionary<DateOnly, long> Costs(int from, int to, long each) =>
        Enumerable.Range(from, to - from + 1).ToDictionary(Day, _ => each);

    [Fact]
    public void CompleteDays_PartialFirstAndLastDays_AreLeftOut()
    {
        var days = DeployCosts.CompleteDays(At(3, 14), At(8, 9), Now);

        Assert.Equal([Day(4), Day(5), Day(6), Day(7)], days);
    }

    [Fact]
    public void CompleteDays_StartAtMidnight_CountsThatDay_AndARunningDeployNeverCountsToday()
    {
        var days = DeployCosts.CompleteDays(At(24, 0), null, Now);

        Assert.Equal([Day(24), Day(25)], days);
    }

    [Fact]
    public void Compute_CheaperDeploy_SaysItsChangeAgainstTheOneBefore()
    {
        var costs = Costs(1, 9, 1000).Concat(Costs(10, 25, 880)).ToDictionary();
        costs[Day(9)] = 5000; // the switch-over day is partial for both: not counted
        var runs = new[]
        {
            new DeployRun(1, ShaA, "octo/app", "Old", At(1, 0), At(9, 12)),
            new DeployRun(2, ShaB, "octo/app", "Cache the timeline\n\nLonger text", At(9, 12), null),
        };

        var result = DeployCosts.Compute(runs, costs, new Dictionary<DateOnly, long>(), Now, "USD");

        Assert.Equal([2, 1], result.Select(r => r.Id));
        var (newest, before) = (result[0], result[1]);
        Assert.Equal(8, before.CompleteDays);
        Assert.Equal(1000, before.CostPerDay);
        Assert.Null(before.Change);
        Assert.Equal(16, newest.CompleteDays); // the 10th to the 25th: the 26th is today
        Assert.Equal(880, newest.CostPerDay);
        Assert.Equal(-12, newest.ChangePercent);
        Assert.Equal("d45f22c: \u221212% a day against 5624ad5", newest.Change);
        Assert.Equal(ShaA, newest.PreviousSha);
        Assert.Equal("Cache the timeline", newest.MessageFirstLine);
        Assert.Equal($"https://github.com/octo/app/commit/{ShaB}", newest.CommitUrl);
        Assert.Equal("deploy-d45f22c", newest.Anchor);
    }

    [Fact]
    public void Compute_DeployWithoutACompleteDay_HasNoFigures_AndTheNextComparesWithTheLastOneThatHad()
    {
        var runs = new[]
        {
            new DeployRun(1, ShaA, "octo/app", null, At(1, 0), At(11, 6)),
            new DeployRun(2, ShaB, "octo/app", null, At(11, 6), At(11, 18)), // hours only: rolled back
            new DeployRun(3, ShaC, "octo/app", null, At(11, 18), null),
        };

        var result = DeployCosts.Compute(runs, Costs(1, 25, 400).Concat(Costs(12, 25, 500)).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            new Dictionary<DateOnly, long>(), Now, "USD");

        Assert.Equal(0, result[1].CompleteDays);
        Assert.Null(result[1].CostPerDay);
        Assert.Null(result[1].Change);
        Assert.Equal("c0ffee1: +25% a day against 5624ad5", result[0].Change);
    }

    [Fact]
    public void Compute_NoCostsBefore_NoPercentage_AndDaysWithoutChargesCountAsZero()
    {
        var runs = new[]
        {
            new DeployRun(1, ShaA, "octo/app", null, At(1, 0), At(5, 0)),
            new DeployRun(2, ShaB, "octo/app", null, At(5, 0), null),
        };
        var costs = new Dictionary<DateOnly, long> { [Day(20)] = 2100 };

        var result = DeployCosts.Compute(runs, costs, new Dictionary<DateOnly, long>(), Now, "USD");

        Assert.Equal(0, result[1].CostPerDay);
        Assert.Null(result[0].ChangePercent);
        Assert.Equal(100, result[0].CostPerDay); // 2,100 over the 21 complete days from the 5th to the 25th
    }

    [Fact]
    public void Compute_WithRequests_CostPerThousandRequests_OverTheDaysThatHaveThem()
    {
        var runs = new[] { new DeployRun(1, ShaA, "octo/app", null, At(20, 0), null) };
        var requests = new Dictionary<DateOnly, long> { [Day(20)] = 300_000, [Day(21)] = 300_000 };

        var result = DeployCosts.Compute(runs, Costs(20, 25, 1000), requests, Now, "USD");

        // 2,000 cents for 600,000 requests: 3.33 cents per 1,000 (half up to hundredths of a cent).
        Assert.Equal(3.33, result[0].CostPer1000Requests);
        Assert.Null(DeployCosts.Compute(runs, Costs(20, 25, 1000), new Dictionary<DateOnly, long>(), Now, "USD")[0].CostPer1000Requests);
    }

    [Fact]
    public void Compute_SameCost_SaysNoChange()
    {
        var runs = new[]
        {
            new DeployRun(1, ShaA, "octo/app", null, At(1, 0), At(10, 0)),
            new DeployRun(2, ShaB, "octo/app", null, At(10, 0), null),
        };

        var result = DeployCosts.Compute(runs, Costs(1, 25, 700), new Dictionary<DateOnly, long>(), Now, "USD");

        Assert.Equal(0, result[0].ChangePercent);
        Assert.Equal("d45f22c: ±0% a day against 5624ad5", result[0].Change);
    }
}
