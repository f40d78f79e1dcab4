using CrowdSite.Features.Donations;

namespace CrowdSite.Tests.Features.Donations;

/// <summary>The receipt and /me show statuses in words from one place, never an enum's name.</summary>
public sealed class StatusTextTests
{
    [Theory]
    [InlineData(DonationStatus.Succeeded, "paid")]
    [InlineData(DonationStatus.PartiallyRefunded, "partly refunded")]
    [InlineData(DonationStatus.Refunded, "refunded")]
    [InlineData(DonationStatus.Disputed, "disputed")]
    public void Of_DonationStatus_IsWords(DonationStatus status, string expected) => Assert.Equal(expected, StatusText.Of(status));

    [Theory]
    [InlineData(PledgeStatus.Active, "active")]
    [InlineData(PledgeStatus.PastDue, "past due")]
    [InlineData(PledgeStatus.Ended, "ended")]
    public void Of_PledgeStatus_IsWords(PledgeStatus status, string expected) => Assert.Equal(expected, StatusText.Of(status));

    [Fact]
    public void Of_EveryStatus_HasALabel()
    {
        Assert.All(Enum.GetValues<DonationStatus>(), s => Assert.NotEqual(s.ToString(), StatusText.Of(s)));
        Assert.All(Enum.GetValues<PledgeStatus>(), s => Assert.NotEqual(s.ToString(), StatusText.Of(s)));
    }
}
