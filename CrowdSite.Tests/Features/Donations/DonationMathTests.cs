using CrowdSite.Features.Donations;

namespace CrowdSite.Tests.Features.Donations;

public sealed class DonationMathTests
{
    [Theory]
    [InlineData(2_500, 1, 25)]
    [InlineData(199, 1, 1)]
    [InlineData(99, 1, 0)]
    [InlineData(1_000, 0, 0)]
    public void PotShare_IsFloorOfOnePercent(long gift, int percent, long expected)
    {
        Assert.Equal(expected, DonationMath.PotShare(gift, percent));
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(2_500)]
    [InlineData(12_345)]
    public void GrossCoveringFees_LeavesAtLeastTheGiftAfterTheFee(long gift)
    {
        var gross = DonationMath.GrossCoveringFees(gift, FeeSchedule.StripeCard);

        Assert.True(gross - DonationMath.Fee(gross, FeeSchedule.StripeCard) >= gift);
        Assert.True(gross - 1 - DonationMath.Fee(gross - 1, FeeSchedule.StripeCard) < gift);
    }

    [Fact]
    public void Fee_IsPercentagePlusFixed()
    {
        Assert.Equal(320, DonationMath.Fee(10_000, FeeSchedule.StripeCard));
    }
}
