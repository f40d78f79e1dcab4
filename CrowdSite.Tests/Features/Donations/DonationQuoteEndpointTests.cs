using System.Net.Http.Json;
using System.Text.Json;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Features.Donations;

public sealed class DonationQuoteEndpointTests : IAsyncLifetime
{
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Quote_TypedGiftWithPot_GivesTheSharesInMinorUnitsAndAsText()
    {
        var quote = await QuoteAsync("amount=25&potOptIn=true");

        Assert.Equal(2_500, quote.GetProperty("amount").GetInt64());
        Assert.Equal(25, quote.GetProperty("potShare").GetInt64());
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("error").ValueKind);
        Assert.Equal("$0.25", quote.GetProperty("text").GetProperty("potShare").GetString());
        Assert.Equal(2_500, quote.GetProperty("gross").GetInt64()); // no fee cover asked
    }

    [Theory]
    [InlineData("amount=0.50", "A gift is between $1.00 and $10,000.00.")]
    [InlineData("amount=lots", "Enter an amount like 25 or 12.50.")]
    public async Task Quote_AmountThatCannotBeGiven_SaysWhy(string query, string error)
    {
        var quote = await QuoteAsync(query);

        Assert.Equal(error, quote.GetProperty("error").GetString());
        Assert.Equal(0, quote.GetProperty("gross").GetInt64());
    }

    private async Task<JsonElement> QuoteAsync(string query) =>
        await _factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/projects/any/donations/quote?{query}", TestContext.Current.CancellationToken);
}
