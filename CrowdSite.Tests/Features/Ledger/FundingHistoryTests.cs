using CrowdSite.Features.Ledger;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrowdSite.Tests.Features.Ledger;

public sealed class FundingHistoryTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(new FakeTimeProvider(TestDatabase.Now).GetUtcNow().UtcDateTime);

    [Fact]
    public void Inputs_BucketsGiftsByThirtyDayWindowAndCostsByCompleteDay()
    {
        DayFlow[] days =
        [
            new(Today, 50, 700), new(Today.AddDays(-29), 10, 100), new(Today.AddDays(-30), 20, 2_000),
            new(Today.AddDays(-179), 0, 300), new(Today.AddDays(-180), 0, 9_999), new(Today.AddDays(1), 999, 999),
        ];

        var inputs = FundingHistory.Inputs(1_000, 500, days, Today, typicalIncomeMonths: 6);

        Assert.Equal([800, 2_000, 0, 0, 0, 300], inputs.OneTimeByMonth);
        Assert.Equal(60, inputs.MonthlyCost); // today and 29 days ago
        Assert.Equal(500 + 800, inputs.MonthlyDonationRate);
        Assert.Equal([20L, 10L, .. new long[28]], inputs.DailyCost); // from the first charged day to yesterday; today left out
    }

    [Fact]
    public void Backtest_SteadyHandMadeHistory_PredictsTheBalanceWithinTenPercent()
    {
        var history = Steady(days: 200, dailyCost: 400, giftEvery: 10, gift: 1_500);

        var result = FundingHistory.Backtest(Balance(history, 30_000), pledgesThen: 6_000, history, Today, days: 30, typicalIncomeMonths: 6);

        Assert.InRange(result.Error!.Value, -0.10, 0.10);
        Assert.InRange(result.ErrorInDays!.Value, -1.5, 1.5);
    }

    [Fact]
    public void Backtest_RisingCosts_TrendPredictsWithinTenPercentWhereSteadyCostsWouldNot()
    {
        // Costs climb from $3 to $9 a day over 200 days; pledges pay $60 on the first of each 30 days.
        var history = Enumerable.Range(0, 200).Select(i => Today.AddDays(-199 + i))
            .Select((day, i) => new DayFlow(day, 300 + 3L * i, 0, (i % 30 == 0 ? 6_000 : 0) - (300 + 3L * i))).ToList();
        var balanceToday = Balance(history, 60_000);

        var result = FundingHistory.Backtest(balanceToday, 6_000, history, Today, days: 30, typicalIncomeMonths: 6);
        var steadyPrediction = result.BalanceThen + (result.IncomeRate - result.MonthlyCostThen);

        Assert.InRange(result.Error!.Value, -0.10, 0.10);
        Assert.True(Math.Abs(steadyPrediction - result.Actual) > 3 * Math.Abs(result.Predicted - result.Actual),
            $"steady {steadyPrediction}, trend {result.Predicted}, actual {result.Actual}");
    }

    [Fact]
    public void Backtest_NoHistory_PredictsTheBalanceStays()
    {
        var result = FundingHistory.Backtest(1_000, 0, [], Today, days: 30, typicalIncomeMonths: 6);

        Assert.Equal(1_000, result.Predicted);
        Assert.Equal(0, result.Error);
    }

    private static List<DayFlow> Steady(int days, long dailyCost, int giftEvery, long gift) =>
        Enumerable.Range(0, days).Select(i => Today.AddDays(-days + 1 + i)).Select((day, i) =>
        {
            var oneTime = i % giftEvery == 3 ? gift : 0;
            var pledge = i % 30 == 0 ? 6_000 : 0;
            var cost = dailyCost + (i % 7 - 3) * 20; // a weekly wobble
            return new DayFlow(day, cost, oneTime, oneTime + pledge - cost);
        }).ToList();

    private static long Balance(IEnumerable<DayFlow> history, long start) => start + history.Sum(d => d.Net);
}
