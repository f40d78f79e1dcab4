using System.Net.Http.Json;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Quote_ProjectWithCosts_SaysWhatTheGiftBuysOnceAndMonthly()
    {
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var project = new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" };
            db.Projects.Add(project);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            // $3.00 a day for the last 30 days (today included), no income: $90.00 short a month.
            await _factory.Services.GetRequiredService<LedgerService>().PostBatchAsync(
                Enumerable.Range(0, 30).Select(d => Ledgers.Charge(project.Id, 300, $"c{d}", Ledgers.DaysAgo(d))).ToList(),
                TestContext.Current.CancellationToken);
        }

        var quote = await QuoteAsync("amount=25", "app");

        // $25 − 2.9% − 30¢ = $23.97 reaches it: 2,397 ÷ 300 a day = 8 days; 2,397 ÷ 9,000 = 27%.
        Assert.Equal("$25.00 runs App for about 8 days", quote.GetProperty("buysOnce").GetString());
        Assert.Equal("$25.00 a month covers 27% of App's monthly shortfall ($90.00)", quote.GetProperty("buysMonthly").GetString());
    }

    [Fact]
    public async Task Quote_UnknownProject_QuotesWithoutWhatItBuys()
    {
        var quote = await QuoteAsync("amount=25");

        Assert.Equal(JsonValueKind.Null, quote.GetProperty("buysOnce").ValueKind);
    }

    private async Task<JsonElement> QuoteAsync(string query, string slug = "any") =>
        await _factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/projects/{slug}/donations/quote?{query}", TestContext.Current.CancellationToken);
}
