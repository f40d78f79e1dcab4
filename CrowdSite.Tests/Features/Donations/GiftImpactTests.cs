using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrowdSite.Tests.Features.Donations;

public sealed class GiftImpactTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(new FakeTimeProvider(TestDatabase.Now).GetUtcNow().UtcDateTime);

    // Takahē-like: $3.83 a day, $40 of pledges and a typical $10.50 of gifts a month: $64.40 short.
    private static readonly FundingFigures Takahe = Funding.Compute("USD", 15_500, 11_490, 5_050, Today);

    [Fact]
    public void RunsFor_25DollarsToTakahe_IsAboutSixDaysOfItsRealCost()
    {
        // $25 − $1.03 fee = $23.97 reaches it; 2,397 × 30 ÷ 11,490 = 6.26 days.
        Assert.Equal("$25.00 runs Takahē for about 6 days", GiftImpact.RunsFor("Takahē", 2_500, 2_397, Takahe));
    }

    [Fact]
    public void RunsFor_TinyGift_SaysHours()
    {
        Assert.Equal("$1.00 runs Takahē for about 4 hours", GiftImpact.RunsFor("Takahē", 100, 67, Takahe));
    }

    [Fact]
    public void RunsFor_NoCosts_SaysNothing()
    {
        Assert.Null(GiftImpact.RunsFor("Idle", 2_500, 2_397, Funding.Compute("USD", 0, 0, 0, Today)));
    }

    [Fact]
    public void MonthlyShare_PartOfTheShortfall_IsAWholePercent()
    {
        // 1,485 ÷ 6,440 = 23.06%.
        Assert.Equal("$15.00 a month covers 23% of Takahē's monthly shortfall ($64.40)",
            GiftImpact.MonthlyShare("Takahē", 1_500, 1_485, Takahe.Shortfall, Takahe));
    }

    [Fact]
    public void MonthlyShare_MoreThanTheShortfall_CoversAllOfIt()
    {
        Assert.Equal("$100.00 a month covers all of Takahē's monthly shortfall ($64.40)",
            GiftImpact.MonthlyShare("Takahē", 10_000, 9_680, Takahe.Shortfall, Takahe));
    }

    [Fact]
    public void MonthlyShare_CoveredProject_SaysItBuildsAMargin()
    {
        var covered = Funding.Compute("USD", 50_000, 11_490, 20_000, Today); // 961 × 30 ÷ 11,490 = 2.5 days

        Assert.Equal("$10.00 a month runs Miniflux for about 3 days each month; its costs are covered today, so it builds a margin",
            GiftImpact.MonthlyShare("Miniflux", 1_000, 961, covered.Shortfall, covered));
    }
}
