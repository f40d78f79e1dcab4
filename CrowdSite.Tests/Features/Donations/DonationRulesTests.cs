using CrowdSite.Features.Donations;

namespace CrowdSite.Tests.Features.Donations;

public sealed class DonationRulesTests
{
    private static readonly DonationOptions Options = new();

    [Theory]
    [InlineData("25", 2_500)]
    [InlineData("25.5", 2_550)]
    [InlineData("1,250.00", 125_000)]
    [InlineData("$0.01", 1)]
    public void TryParseAmount_WhatPeopleType_GivesMinorUnits(string text, long expected)
    {
        Assert.True(DonationRules.TryParseAmount(text, 2, out var minor));
        Assert.Equal(expected, minor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.234")]
    [InlineData("-5")]
    [InlineData("1e5")]
    [InlineData("9999999999")]
    public void TryParseAmount_Nonsense_IsRefused(string text)
    {
        Assert.False(DonationRules.TryParseAmount(text, 2, out _));
    }

    [Fact]
    public void Validate_GoodRequest_HasNoErrors()
    {
        Assert.Empty(DonationRules.Validate(new DonationRequest(2_500, "USD"), "USD", Options));
    }

    [Theory]
    [InlineData(null, "USD", "amount")]
    [InlineData(99L, "USD", "amount")]
    [InlineData(1_000_001L, "USD", "amount")]
    [InlineData(2_500L, "EUR", "currency")]
    public void Validate_BadRequest_NamesTheField(long? amount, string currency, string field)
    {
        var errors = DonationRules.Validate(new DonationRequest(amount, currency), "USD", Options);

        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Validate_LongMessage_IsRefused()
    {
        var errors = DonationRules.Validate(new DonationRequest(2_500, "USD", Message: new string('x', 281)), "USD", Options);

        Assert.Contains("message", errors.Keys);
    }

    [Theory]
    [InlineData(1, false, 0)]
    [InlineData(99, true, 0)]
    [InlineData(100, true, 1)]
    [InlineData(1_000_000, true, 10_000)]
    public void Quote_PotShare_IsFloorOfOnePercentOfTheGift(long gift, bool potOptIn, long expectedPot)
    {
        var quote = DonationRules.Quote(gift, coverFees: true, potOptIn, FeeSchedule.StripeCard, 1);

        Assert.Equal(expectedPot, quote.PotShare);
        Assert.Equal(quote.Gross, quote.ExpectedFee + quote.PotShare + quote.NetToProject);
        Assert.True(quote.NetToProject + quote.PotShare >= gift, "covering fees leaves the whole gift");
    }

    [Fact]
    public void Quote_WithoutPotOptIn_SendsNothingToThePot()
    {
        var quote = DonationRules.Quote(10_000, coverFees: false, potOptIn: false, FeeSchedule.StripeCard, 1);

        Assert.Equal(0, quote.PotShare);
        Assert.Equal(10_000, quote.Gross);
        Assert.Equal(0, quote.FeeCover);
    }
}
