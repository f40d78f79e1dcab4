using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Donations;

/// <summary>Issue 15, part 3: how a gift appears (backers on the page and in the API, the ledger), and changing it later.</summary>
public sealed class DonorPrivacyTests : IAsyncLifetime
{
    private const string Name = "Ada Lovelace";
    private static readonly Uri SiteBase = new("http://localhost/");
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);

    private IServiceProvider Services => _factory.Services;
    private DonorPrivacyService Privacy => Services.GetRequiredService<DonorPrivacyService>();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("nameAndAmount", true, true)]
    [InlineData("nameOnly", true, false)]
    [InlineData("anonymous", false, false)]
    public async Task Post_EachVisibility_PageApiAndLedgerShowWhatWasChosen(string visibility, bool nameShown, bool amountShown)
    {
        var token = await GiveThroughApiAsync(new { amount = 4_321, currency = "USD", publicName = Name, visibility });

        var backers = await BackersAsync();
        Assert.Equal(1, backers.GetProperty("count").GetInt32());
        var items = backers.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(nameShown ? 1 : 0, items.Count);
        if (nameShown)
        {
            Assert.Equal(Name, items[0].GetProperty("name").GetString());
            Assert.Equal(amountShown ? JsonValueKind.Number : JsonValueKind.Null, items[0].GetProperty("amount").ValueKind);
        }

        var backersOnPage = await PageBackersTextAsync();
        Assert.Equal(nameShown, backersOnPage.Contains(Name, StringComparison.Ordinal));
        Assert.Equal(amountShown, backersOnPage.Contains("$43.21", StringComparison.Ordinal));
        await AssertLedgerHasTheGiftWithoutANameAsync();
        var receipt = (await Services.GetRequiredService<ReceiptService>().FindAsync(token))!.Donation;
        Assert.Equal(Enum.Parse<DonorVisibility>(visibility, ignoreCase: true), receipt.Visibility);
        Assert.Equal(nameShown ? Name : null, receipt.PublicName);
    }

    [Fact]
    public async Task Post_WithoutVisibility_KeepsTodaysBehaviour()
    {
        var named = await GiveThroughApiAsync(new { amount = 1_000, currency = "USD", publicName = "Grace" });
        var unnamed = await GiveThroughApiAsync(new { amount = 1_000, currency = "USD" });

        var receipts = Services.GetRequiredService<ReceiptService>();
        Assert.Equal(DonorVisibility.NameAndAmount, (await receipts.FindAsync(named))!.Donation.Visibility);
        Assert.Equal(DonorVisibility.Anonymous, (await receipts.FindAsync(unnamed))!.Donation.Visibility);
    }

    [Theory]
    [InlineData("""{"amount": 2500, "currency": "USD", "visibility": "nameOnly"}""")]
    [InlineData("""{"amount": 2500, "currency": "USD", "visibility": "nameAndAmount", "publicName": "  "}""")]
    public async Task Post_NamedVisibilityWithoutAName_Is400OnPublicName(string json)
    {
        var response = await _factory.CreateClient().PostAsync("/api/v1/projects/app/donations",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("publicName", out _));
    }

    [Fact]
    public async Task ChangeByReceipt_NamedToAnonymousAndBack_ChangesThePageButNeverTheMoney()
    {
        var token = await GiveThroughApiAsync(new { amount = 2_500, currency = "USD", publicName = Name, visibility = "nameAndAmount" });
        var (transactions, entries) = await LedgerCountsAsync();

        var hidden = await Privacy.ChangeByReceiptAsync(token, DonorVisibility.Anonymous, Name);
        var backersWhenHidden = await BackersAsync();
        var pageWhenHidden = await PageBackersTextAsync();
        var renamed = await Privacy.ChangeByReceiptAsync(token, DonorVisibility.NameOnly, "A. L.");

        Assert.True(hidden.Succeeded);
        Assert.Empty(backersWhenHidden.GetProperty("items").EnumerateArray());
        Assert.Equal(1, backersWhenHidden.GetProperty("count").GetInt32());
        Assert.DoesNotContain(Name, pageWhenHidden);
        Assert.True(renamed.Succeeded);
        var item = Assert.Single((await BackersAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal("A. L.", item.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("amount").ValueKind);
        Assert.Equal((transactions, entries), await LedgerCountsAsync());
        await AssertLedgerHasTheGiftWithoutANameAsync();
    }

    [Fact]
    public async Task ChangeByReceipt_WrongOrOtherToken_ChangesNothingElse()
    {
        var ada = await GiveThroughApiAsync(new { amount = 2_500, currency = "USD", publicName = Name });
        var grace = await GiveThroughApiAsync(new { amount = 1_000, currency = "USD", publicName = "Grace" });

        var wrong = await Privacy.ChangeByReceiptAsync(ada + "x", DonorVisibility.Anonymous, null);
        var empty = await Privacy.ChangeByReceiptAsync("", DonorVisibility.Anonymous, null);
        var other = await Privacy.ChangeByReceiptAsync(grace, DonorVisibility.Anonymous, null);

        Assert.False(wrong.Found);
        Assert.False(empty.Found);
        Assert.True(other.Succeeded);
        var receipts = Services.GetRequiredService<ReceiptService>();
        Assert.Equal((DonorVisibility.NameAndAmount, Name), Shown((await receipts.FindAsync(ada))!.Donation));
        Assert.Equal((DonorVisibility.Anonymous, null), Shown((await receipts.FindAsync(grace))!.Donation));
    }

    [Fact]
    public async Task ChangeByReceipt_NamedChoiceWithoutName_IsRefusedAndKeepsTheGift()
    {
        var token = await GiveThroughApiAsync(new { amount = 2_500, currency = "USD", visibility = "anonymous" });

        var result = await Privacy.ChangeByReceiptAsync(token, DonorVisibility.NameOnly, " ");

        Assert.True(result.Found);
        Assert.NotNull(result.Error);
        Assert.Equal((DonorVisibility.Anonymous, null), Shown((await Services.GetRequiredService<ReceiptService>().FindAsync(token))!.Donation));
    }

    [Fact]
    public async Task ChangeForDonor_OnlyTheSignedInDonorsOwnGift()
    {
        var start = await Services.GetRequiredService<DonationService>()
            .StartAsync("app", new DonationRequest(2_500, "USD", PublicName: Name), SiteBase, donorId: "111");
        var token = await Services.GetRequiredService<DonationService>().PaySimulatedAsync(start.IntentId!.Value);
        var id = (await Services.GetRequiredService<ReceiptService>().FindAsync(token!))!.Donation.Id;

        var byOther = await Privacy.ChangeForDonorAsync(id, "222", DonorVisibility.Anonymous, null);
        var byNobody = await Privacy.ChangeForDonorAsync(id, "", DonorVisibility.Anonymous, null);
        var unchanged = Shown((await Services.GetRequiredService<ReceiptService>().FindAsync(token!))!.Donation);
        var byOwner = await Privacy.ChangeForDonorAsync(id, "111", DonorVisibility.NameOnly, Name);

        Assert.False(byOther.Found);
        Assert.False(byNobody.Found);
        Assert.Equal((DonorVisibility.NameAndAmount, Name), unchanged);
        Assert.True(byOwner.Succeeded);
        var mine = (await Services.GetRequiredService<MyDonationsService>().ForDonorAsync("111")).Donations;
        Assert.Equal((DonorVisibility.NameOnly, Name), Shown(Assert.Single(mine).Donation));
    }

    [Fact]
    public async Task ChangeByReceipt_MonthlyGift_ThePledgeAndItsNextPaymentsFollow()
    {
        var token = await GiveThroughApiAsync(new { amount = 1_500, currency = "USD", recurring = true, publicName = Name });
        var receipts = Services.GetRequiredService<ReceiptService>();

        await Privacy.ChangeByReceiptAsync(token, DonorVisibility.NameOnly, Name);
        var next = await Services.GetRequiredService<SimulatedPaymentEvents>().SimulateRenewalAsync(token);

        var renewal = (await receipts.FindAsync(next!))!;
        Assert.Equal((DonorVisibility.NameOnly, Name), Shown(renewal.Donation));
        Assert.Equal(DonorVisibility.NameOnly, renewal.Pledge!.Visibility);
        var item = Assert.Single((await BackersAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("amount").ValueKind);
    }

    [Fact]
    public async Task Receipt_SaysWhatIsPublic()
    {
        var token = await GiveThroughApiAsync(new { amount = 2_500, currency = "USD", publicName = Name, visibility = "nameOnly" });

        var html = await _factory.CreateClient().GetStringAsync($"/receipts/{token}", Ct);

        var text = new HtmlParser().ParseDocument(html).QuerySelector("[data-testid=receipt-public-text]")!.TextContent;
        Assert.Equal(DonorVisibilities.Describe(DonorVisibility.NameOnly, Name), text.Trim());
    }

    [Fact]
    public async Task OpenApi_DescribesVisibilityAndBackers()
    {
        var json = await _factory.CreateClient().GetStringAsync("/openapi/v1.json", Ct);

        var doc = JsonDocument.Parse(json).RootElement;
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/projects/{slug}/backers", out _));
        var request = doc.GetProperty("components").GetProperty("schemas").GetProperty("DonationRequest").GetProperty("properties");
        Assert.True(request.TryGetProperty("visibility", out _));
        Assert.Contains("\"nameOnly\"", json);
    }

    private static (DonorVisibility, string?) Shown(Donation d) => (d.Visibility, d.PublicName);

    /// <summary>Starts a gift through the public API and pays it on the simulated checkout; returns its receipt token.</summary>
    private async Task<string> GiveThroughApiAsync(object body)
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/projects/app/donations", body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var url = (await response.Content.ReadFromJsonAsync<CheckoutResponse>(Ct))!.CheckoutUrl;
        var token = await Services.GetRequiredService<DonationService>().PaySimulatedAsync(Guid.Parse(url[(url.LastIndexOf('/') + 1)..]));
        return token!;
    }

    private async Task<JsonElement> BackersAsync() =>
        await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/projects/app/backers", Ct);

    private async Task<string> PageBackersTextAsync()
    {
        var html = await _factory.CreateClient().GetStringAsync("/p/app", Ct);
        return new HtmlParser().ParseDocument(html).QuerySelector("[data-testid=backers]")!.TextContent;
    }

    /// <summary>Every gift is a ledger line whatever its visibility, and no ledger line (API or stored description) carries a name.</summary>
    private async Task AssertLedgerHasTheGiftWithoutANameAsync()
    {
        var ledger = await _factory.CreateClient().GetStringAsync("/api/v1/projects/app/ledger", Ct);
        Assert.Contains("\"kind\":\"donation\"", ledger);
        Assert.DoesNotContain(Name, ledger);
        Assert.DoesNotContain("A. L.", ledger);
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync(Ct);
        var descriptions = await db.LedgerTransactions.Select(t => t.Description).ToListAsync(Ct);
        Assert.NotEmpty(descriptions);
        Assert.All(descriptions, d => Assert.DoesNotContain(Name, d ?? ""));
    }

    private async Task<(int, int)> LedgerCountsAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync(Ct);
        return (await db.LedgerTransactions.CountAsync(Ct), await db.LedgerEntries.CountAsync(Ct));
    }
}
