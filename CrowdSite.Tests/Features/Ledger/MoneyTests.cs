using CrowdSite.Features.Ledger;

namespace CrowdSite.Tests.Features.Ledger;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(0, "USD", "$0.00")]
    [InlineData(5, "USD", "$0.05")]
    [InlineData(123_456, "USD", "$1,234.56")]
    [InlineData(-1_050, "EUR", "-€10.50")]
    [InlineData(1_500, "JPY", "¥1,500")]
    [InlineData(1_234, "KWD", "KWD 1.234")]
    public void Format_MinorUnits_UsesTheCurrencysDigits(long minor, string currency, string expected)
    {
        Assert.Equal(expected, new Money(minor, currency).Format());
    }

    [Fact]
    public void Format_MinValue_DoesNotOverflow()
    {
        Assert.StartsWith("-$92,233,720,368,547,758.08", new Money(long.MinValue, "USD").Format());
    }
}
