using CrowdSite.Features.Ledger;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrowdSite.Tests.Features.Ledger;

public sealed class FundingTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(new FakeTimeProvider(TestDatabase.Now).GetUtcNow().UtcDateTime);

    // Takahē-like figures: $115 of costs a month ($3.83 a day, steady for 90 days), $40 of pledges, one-time gifts
    // that vary from month to month; the last 30 days happened to bring $31.60.
    private const long TakaheDailyCost = 383;
    private const long TakahePledges = 4_000;
    private static readonly long[] TakaheOneTime = [3_160, 900, 600, 1_200, 500, 1_500];

    [Fact]
    public void Compute_NoChargesNoDonations_IsSustainableAndHealthy()
    {
        var figures = Funding.Compute("USD", 0, 0, 0, Today);

        Assert.Null(figures.RunwayDays);
        Assert.Null(figures.Coverage);
        Assert.Null(figures.FundedUntil);
        Assert.Equal(Health.Healthy, figures.Health);
    }

    [Fact]
    public void Compute_DonationsCoverCost_IsSustainableWithCoverageOverOne()
    {
        var figures = Funding.Compute("USD", 100, 3_000, 4_500, Today);

        Assert.Null(figures.RunwayDays);
        Assert.Equal(1.5, figures.Coverage);
        Assert.Equal(Health.Healthy, figures.Health);
    }

    [Fact]
    public void Compute_DonationsEqualCost_IsSustainable()
    {
        Assert.True(Funding.Compute("USD", 0, 3_000, 3_000, Today).Sustainable);
    }

    [Fact]
    public void Compute_ChargesButNoDonations_RunwayIsBalanceOverDailyCost()
    {
        // $30 a month is $1 a day; $45 lasts 45 days.
        var figures = Funding.Compute("USD", 4_500, 3_000, 0, Today);

        Assert.Equal(45, figures.RunwayDays);
        Assert.Equal(0, figures.Coverage);
        Assert.Equal(Today.AddDays(45), figures.FundedUntil);
        Assert.Equal(Health.NeedsSupport, figures.Health);
    }

    [Theory]
    [InlineData(2_900, 29, Health.Critical)]
    [InlineData(3_000, 30, Health.NeedsSupport)]
    [InlineData(8_900, 89, Health.NeedsSupport)]
    [InlineData(9_000, 90, Health.Healthy)]
    public void Compute_RunwayAtTheEdges_GivesHealth(long balance, int runway, Health health)
    {
        var figures = Funding.Compute("USD", balance, 4_000, 1_000, Today);

        Assert.Equal(runway, figures.RunwayDays);
        Assert.Equal(health, figures.Health);
    }

    [Fact]
    public void Compute_NoBalanceAndBurning_IsCriticalWithZeroRunway()
    {
        var figures = Funding.Compute("USD", -500, 3_000, 1_000, Today);

        Assert.Equal(0, figures.RunwayDays);
        Assert.Equal(Health.Critical, figures.Health);
    }

    [Fact]
    public void RunwayDays_HugeBalance_DoesNotOverflow()
    {
        Assert.Equal(int.MaxValue, Funding.RunwayDays(long.MaxValue / 2, 2, 1));
    }

    [Theory]
    [InlineData(new long[0], 0)]
    [InlineData(new long[] { 700 }, 700)]
    [InlineData(new long[] { 3_160, 900, 600 }, 900)]
    [InlineData(new long[] { 3_160, 900, 600, 1_200, 500, 1_500 }, 1_050)]
    [InlineData(new long[] { 1, 2 }, 1)] // the mean of the middle two, rounded down
    [InlineData(new long[] { -5_000, 0, 800 }, 0)] // a month of refunds counts as nothing, not as negative income
    public void TypicalOneTime_IsTheMedianWindow(long[] windows, long typical)
    {
        Assert.Equal(typical, Funding.TypicalOneTime(windows));
    }

    [Fact]
    public void Compute_TakaheLike_OneGiftOf25Dollars_DoesNotFlipHealthAndMovesTheRunwayByGiftOverDailyShortfall()
    {
        var before = Funding.Compute("USD", Takahe(balance: 15_500, TakaheOneTime), Today);
        const long gross = 2_500, net = gross - 103; // 2.9% + 30¢
        var oneTime = TakaheOneTime.ToArray();
        oneTime[0] += gross;

        var after = Funding.Compute("USD", Takahe(balance: 15_500 + net, oneTime), Today);

        Assert.Equal(Health.NeedsSupport, before.Health);
        Assert.Equal(RunwayMethod.Trend, before.Runway.Method);
        Assert.Equal(4_000 + 1_050, before.IncomeRate);
        Assert.Equal(6_440, before.Shortfall); // 11,490 − 5,050: "needs $64.40 more a month"
        Assert.Equal(72, before.RunwayDays); // 15,500 ÷ (6,440 ÷ 30) = 72.2
        Assert.Equal(Health.NeedsSupport, after.Health);
        Assert.Equal(before.IncomeRate, after.IncomeRate); // the gift is in the balance, not in the typical month
        var expectedGain = net * Funding.TrailingDays / (double)before.Shortfall; // ≈ 11 days
        Assert.InRange(after.RunwayDays!.Value - before.RunwayDays!.Value, expectedGain - 1, expectedGain + 1);
    }

    [Fact]
    public void Compute_TakaheLike_TheOldTrailing30DayRate_WouldHaveFlippedIt()
    {
        // DESIGN §4 before issue 14: one-time gifts of the last 30 days counted as monthly income (what went wrong).
        var rate = TakahePledges + TakaheOneTime[0];

        var before = Funding.Compute("USD", 6_000, 11_490, rate, Today);
        var after = Funding.Compute("USD", 6_000 + 2_397, 11_490, rate + 2_500, Today);

        Assert.Equal(Health.NeedsSupport, before.Health);
        Assert.Equal(Health.Healthy, after.Health);
    }

    [Fact]
    public void Compute_SingleHugeGift_RaisesTheBalanceNotTheIncomeRate()
    {
        var oneTime = TakaheOneTime.ToArray();
        oneTime[0] += 1_000_000;

        var figures = Funding.Compute("USD", Takahe(balance: 15_500 + 970_000, oneTime), Today);

        Assert.Equal(4_000 + 1_050, figures.IncomeRate);
        Assert.Equal(6_440, figures.Shortfall);
        Assert.Equal(Health.Healthy, figures.Health); // through the balance: 4,590 days of shortfall
        Assert.InRange(figures.RunwayDays!.Value, 4_580, 4_600);
    }

    [Fact]
    public void Compute_RisingCosts_ProjectsTheTrendAndSaysSteadyDiffers()
    {
        // From $2 to $5 a day over 90 days: the last 30 days average ~$4.50, the trend keeps climbing.
        var daily = Enumerable.Range(0, 90).Select(i => 200L + 300L * i / 89).ToArray();
        var inputs = new FundingInputs(20_000, daily[^30..].Sum(), 3_000, 3_000, [0, 0, 0, 0, 0, 0], daily);

        var figures = Funding.Compute("USD", inputs, Today);

        Assert.Equal(RunwayMethod.Trend, figures.Runway.Method);
        Assert.True(figures.Trend!.Slope is > 3.3 and < 3.4, $"slope {figures.Trend.Slope}");
        Assert.True(figures.Runway.TrendDiffers);
        Assert.True(figures.RunwayDays < figures.Runway.DaysIfNothingChanges);
        Assert.Equal(Funding.RunwayDays(20_000, inputs.MonthlyCost, 3_000), figures.Runway.DaysIfNothingChanges);
        Assert.Equal(Health.NeedsSupport, figures.Health);
    }

    [Fact]
    public void Compute_FallingCosts_ClipsTheTrendAtZeroAndHoldsItAfterTheHorizon()
    {
        var daily = Enumerable.Range(0, 90).Select(i => 1_000L - 10L * i).ToArray(); // reaches 110 yesterday, 0 in 11 days

        var trend = CostTrend.Fit(daily)!;

        Assert.Equal(100, trend.CostOnDay(0));
        Assert.Equal(0, trend.CostOnDay(20));
        Assert.Equal(0, trend.CostOnDay(CostTrend.HorizonDays + 500));
        Assert.Null(Funding.TrendRunwayDays(600, 0, trend)); // 550 spent over 10 days, then costs vanish
    }

    [Fact]
    public void TrendRunwayDays_FlatTrend_EqualsTheSteadyFormula()
    {
        var trend = CostTrend.Fit(Enumerable.Repeat(TakaheDailyCost, 90).ToArray())!;

        foreach (var balance in new long[] { 0, 1, 15_500, 1_000_000 })
        {
            Assert.Equal(Funding.RunwayDays(balance, TakaheDailyCost * 30, 5_050), Funding.TrendRunwayDays(balance, 5_050, trend));
        }
    }

    [Fact]
    public void Compute_Sustainable_HasNoRunwayNoShortfallAndIsCovered()
    {
        var figures = Funding.Compute("USD", new FundingInputs(5_000, 11_490, 20_000, 12_000, [0, 0, 0, 0, 0, 0], Daily(383)), Today);

        Assert.Null(figures.RunwayDays);
        Assert.Null(figures.Runway.DaysIfNothingChanges);
        Assert.False(figures.Runway.TrendDiffers);
        Assert.Equal(0, figures.Shortfall);
        Assert.Equal(Health.Healthy, figures.Health);
    }

    [Fact]
    public void Compute_NoHistory_HoldsCostsSteadyAndCountsOnlyPledges()
    {
        var figures = Funding.Compute("USD", new FundingInputs(3_000, 3_000, 1_000, 1_000, [0, 0, 0, 0, 0, 0], []), Today);

        Assert.Equal(RunwayMethod.Steady, figures.Runway.Method);
        Assert.Equal(1_000, figures.IncomeRate);
        Assert.Equal(2_000, figures.Shortfall);
        Assert.Equal(45, figures.RunwayDays);
    }

    [Fact]
    public void Compute_NoCosts_IsSustainableWithoutCoverage()
    {
        var figures = Funding.Compute("USD", new FundingInputs(0, 0, 0, 0, [0, 0, 0, 0, 0, 0], []), Today);

        Assert.Null(figures.RunwayDays);
        Assert.Null(figures.Coverage);
        Assert.Equal(0, figures.Shortfall);
    }

    [Fact]
    public void ProjectedBalance_SteadyTrend_DrainsByTheDailyShortfall()
    {
        var figures = Funding.Compute("USD", Takahe(balance: 15_500, TakaheOneTime), Today);

        Assert.Equal(15_500 - 6_440, figures.ProjectedBalance(30));
        Assert.True(figures.ProjectedBalance(figures.RunwayDays!.Value) >= 0);
        Assert.True(figures.ProjectedBalance(figures.RunwayDays.Value + 1) < 0);
    }

    private static FundingInputs Takahe(long balance, long[] oneTime) =>
        new(balance, TakaheDailyCost * 30, TakahePledges + oneTime[0], TakahePledges, oneTime, Daily(TakaheDailyCost));

    private static long[] Daily(long cost) => Enumerable.Repeat(cost, 90).ToArray();
}
