using CrowdSite.Features.Donations;
using CrowdSite.Features.Projects.Usage;

namespace CrowdSite.Tests.Features.Projects.Usage;

public sealed class SustainabilityTests
{
    private static readonly FeeSchedule Fees = FeeSchedule.StripeCard; // 2.9% + 30¢: a $3 gift keeps 261¢

    [Theory]
    [InlineData(200_000, 48_000, 417)] // $2,000 a month over 48,000 users: 4.1667¢ → 4.17¢
    [InlineData(11_520, 48_000, 24)] // 0.24¢
    [InlineData(1, 3, 33)] // 0.333…¢ → 0.33¢
    [InlineData(1, 200, 1)] // 0.005¢ rounds half up to 0.01¢
    [InlineData(0, 1_000, 0)] // no costs: free to run
    public void CostPerActiveUser_HundredthsOfAMinorUnit_HalfUp(long monthlyCost, long users, long expected) =>
        Assert.Equal(expected, Sustainability.CostPerActiveUser(monthlyCost, users));

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    public void CostPerActiveUser_NoUsers_IsNull(long? users) => Assert.Null(Sustainability.CostPerActiveUser(5_000, users));

    [Theory]
    [InlineData(417, "$0.04")]
    [InlineData(24, "$0.0024")]
    [InlineData(150, "$0.02")]
    [InlineData(12_345, "$1.23")]
    public void FormatCostPerUser_ShowsDigitsBelowACent(long hundredths, string expected) =>
        Assert.Equal(expected, Sustainability.FormatCostPerUser(hundredths, "USD"));

    [Fact]
    public void Compute_Shortfall_ShareOfUsersThatWouldSustainIt()
    {
        // $2,630.70 short a month; $3 keeps 261¢; 1,008 people; of 48,000 that is 2.1%.
        var answer = Sustainability.Compute("Takahē", 300, 500_000, 263_070, 48_000, "USD", Fees)!;

        Assert.Equal(261, answer.NetGift);
        Assert.Equal("shortfall", answer.Covers);
        Assert.Equal(1_008, answer.UsersNeeded);
        Assert.Equal(2.1, answer.SharePercent);
        Assert.Null(answer.GiftEachIfAllGave);
        // The reverse: 480 people would each need to keep ⌈263,070 ÷ 480⌉ = 549¢, so give (549 + 30) ÷ 0.971 → $5.97.
        Assert.Equal("If 2.1% of Takahē's 48,000 monthly users gave $3.00 a month (1,008 people), it would be sustainable. "
            + "Or, if 1% of them gave (480 people), each would need to give $5.97 a month.", answer.Text);
    }

    [Fact]
    public void Compute_SmallShare_RoundsUpToAHundredthOfAPercent()
    {
        var answer = Sustainability.Compute("Takahē", 300, 12_000, 3_000, 48_000, "USD", Fees)!;

        Assert.Equal(12, answer.UsersNeeded); // ceil(3,000 / 261)
        Assert.Equal(0.03, answer.SharePercent); // 0.025% rounded up: never understated
        Assert.Contains("If 0.03% of Takahē's 48,000 monthly users gave $3.00 a month (12 people)", answer.Text);
    }

    [Fact]
    public void Compute_TooFewUsers_SaysWhatEachWouldNeedToGive()
    {
        var answer = Sustainability.Compute("Tiny", 100, 50_000, 40_000, 100, "USD", Fees)!;

        // $1 keeps 67¢: 598 people needed, only 100 users; each would need to keep $4.00, so give (400 + 30) ÷ 0.971 = $4.43.
        Assert.Equal(598, answer.UsersNeeded);
        Assert.Equal(443, answer.GiftEachIfAllGave);
        Assert.Equal("Even if all 100 of Tiny's monthly users gave $1.00 a month, it would not be sustainable: each would need to give $4.43 a month.", answer.Text);
    }

    [Fact]
    public void Compute_Sustainable_MeasuresAgainstTheWholeMonthlyCost()
    {
        var answer = Sustainability.Compute("Miniflux", 500, 10_000, 0, 6_000, "USD", Fees)!;

        Assert.Equal("monthlyCost", answer.Covers);
        Assert.Equal(10_000, answer.Needed);
        Assert.Equal(22, answer.UsersNeeded); // $5 keeps 455¢
        Assert.StartsWith("Miniflux's costs are covered today. If 0.37% of its 6,000 monthly users gave $5.00 a month (22 people)", answer.Text);
    }

    [Fact]
    public void Compute_NoUsers_CountsPeopleWithoutAShare()
    {
        var answer = Sustainability.Compute("App", 300, 10_000, 5_000, null, "USD", Fees)!;

        Assert.Equal(20, answer.UsersNeeded);
        Assert.Null(answer.SharePercent);
        Assert.Contains("has not reported its users yet", answer.Text);
    }

    [Fact]
    public void GiftEachIfOnePercentGave_FewUsers_AtLeastOnePerson() =>
        Assert.Equal(DonationMath.GrossCoveringFees(5_000, Fees), Sustainability.GiftEachIfOnePercentGave(5_000, 50, Fees));

    [Fact]
    public void Compute_NoCosts_HasNoAnswer() => Assert.Null(Sustainability.Compute("App", 300, 0, 0, 1_000, "USD", Fees));

    [Fact]
    public void Compute_GiftEatenByTheFee_HasNoAnswer() => Assert.Null(Sustainability.Compute("App", 30, 1_000, 1_000, 1_000, "USD", Fees));
}
