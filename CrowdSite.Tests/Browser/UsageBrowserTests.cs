using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrowdSite.Features.Metering;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrowdSite.Tests.Browser;

/// <summary>Issue 14, items 2 and 3 on the static project page: the calculator answers, the deploys section lists what each deploy cost.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UsageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Calculator_ChoosingAGift_Answers()
    {
        var (page, errors) = await browser.OpenAsync("/p/takahe", height: 1600);
        var answer = page.Locator("[data-testid='calc-answer']");
        await Assertions.Expect(answer).ToContainTextAsync("gave $3.00 a month"); // rendered on the server

        await page.Locator("[data-testid='calc-preset-500']").ClickAsync();
        await Assertions.Expect(answer).ToContainTextAsync(new Regex(@"^If [\d.]+% of Takahē Social's [\d,]+ monthly users gave \$5\.00 a month"));
        await Assertions.Expect(page.Locator("[data-testid='calc-preset-500']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("[data-testid='calc-preset-300']")).ToHaveAttributeAsync("aria-pressed", "false");
        await page.Locator("[data-testid='calc-amount']").FillAsync("12.50");
        await Assertions.Expect(answer).ToContainTextAsync("gave $12.50 a month");
        await page.Locator("[data-testid='calc-amount']").FillAsync("abc");
        await Assertions.Expect(answer).ToContainTextAsync("Enter an amount");

        await Assertions.Expect(page.Locator("[data-testid='cost-per-user']")).ToContainTextAsync(new Regex(@"Costs \$[\d.]+ per active user a month"));
        await page.Locator("[data-testid='usage-chart'] .apexcharts-svg").WaitForAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Calculator_NewUsageFiguresWhileOpen_AnswersAgainWithoutReload()
    {
        var (page, errors) = await browser.OpenAsync("/p/umami", height: 1600);
        var answer = page.Locator("[data-testid='calc-answer']");
        await Assertions.Expect(answer).ToContainTextAsync("gave $3.00 a month");
        await page.EvaluateAsync("window.__noReload = true");

        var today = DateOnly.FromDateTime(browser.Factory.Time.GetUtcNow().UtcDateTime);
        var (_, problems) = await browser.Factory.Services.GetRequiredService<MetricsIngest>()
            .IngestAsync([new MetricItem("umami", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 123_456, 1_000_000)], TestContext.Current.CancellationToken);
        Assert.Empty(problems);

        await Assertions.Expect(page.Locator("[data-testid='usage'] [data-live='usage']")).ToContainTextAsync("123,456 monthly active users", new() { Timeout = 5_000 });
        await Assertions.Expect(answer).ToContainTextAsync("123,456 monthly users");
        Assert.True(await page.EvaluateAsync<bool>("window.__noReload === true"), "the page reloaded");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Deploys_ListsTheDemosDeploymentsWithTheirDeltas_AndAChargesDeployLinkOpensItsCard()
    {
        var api = (await browser.Factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/projects/takahe/deployments", TestContext.Current.CancellationToken))
            .EnumerateArray().ToList();
        var (page, errors) = await browser.OpenAsync("/p/takahe", height: 1600);

        var cards = page.Locator("[data-testid='deploy']");
        await Assertions.Expect(cards).ToHaveCountAsync(api.Count);
        await Assertions.Expect(cards.First.Locator("[data-testid='deploy-change']")).ToHaveTextAsync(api[0].GetProperty("change").GetString()!);
        await Assertions.Expect(cards.First.Locator("[data-testid='deploy-cost']")).ToContainTextAsync(new Regex(@"^\$[\d.,]+ a day$"));
        var changes = await page.Locator("[data-testid='deploy-change']").AllTextContentsAsync(); // the earlier ones are folded away
        Assert.True(changes.Count >= api.Count - 2);
        Assert.All(changes, c => Assert.Matches(@"^[0-9a-f]{7}: (\+\d+|\u2212\d+|±0)% a day against [0-9a-f]{7}$", c.Trim()));

        var link = page.Locator("[data-testid='charge-deploy-link']").First;
        var href = await link.GetAttributeAsync("href") ?? "";
        Assert.Matches("^/p/takahe#deploy-[0-9a-f]{7}$", href);
        var anchor = href[href.IndexOf('#')..];
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href) + "$"));
        await Assertions.Expect(page.Locator(anchor)).ToBeInViewportAsync();

        await page.Locator(anchor).Locator("[data-testid='deploy-ledger-link']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/takahe/ledger\\?commit=[0-9a-f]{40}$"));
        await Assertions.Expect(page.Locator("input[data-testid='commit-filter']")).ToHaveValueAsync(new Regex("^" + anchor["#deploy-".Length..]));
        await Assertions.Expect(page.Locator("[data-testid='ledger-grid'] tbody tr").First).ToContainTextAsync(anchor["#deploy-".Length..]);
        var shas = await page.Locator("[data-testid='ledger-commit']").AllInnerTextsAsync();
        Assert.All(shas, s => Assert.Equal(anchor["#deploy-".Length..], s.Trim()));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Deploys_LinkToAnEarlierDeploy_OpensItsFoldedCard()
    {
        var api = (await browser.Factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/projects/takahe/deployments", TestContext.Current.CancellationToken))
            .EnumerateArray().ToList();
        var old = api[^1].GetProperty("shortSha").GetString();

        var (page, errors) = await browser.OpenAsync($"/p/takahe#deploy-{old}", height: 900);

        await Assertions.Expect(page.Locator($"#deploy-{old}")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#deploy-{old}")).ToBeInViewportAsync();
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(1280, "light")]
    [InlineData(1280, "dark")]
    [InlineData(390, "light")]
    [InlineData(390, "dark")]
    public async Task ProjectPage_AtEachWidthAndTheme_FitsTheScreen(int width, string theme)
    {
        var (page, errors) = await browser.OpenAsync("/p/takahe", width: width, height: 1200);
        if (theme == "dark")
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "theme", Value = "dark", Url = browser.BaseUrl }]);
            await page.ReloadAsync();
            await page.WaitForSelectorAsync("body[data-interactive='true']");
        }

        await page.Locator("[data-testid='usage-chart'] .apexcharts-svg").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, $"project-page-{width}-{theme}");
        foreach (var section in new[] { "usage", "deploys" })
        {
            await page.Locator($"[data-testid='{section}']").ScreenshotAsync(new LocatorScreenshotOptions
            {
                Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"project-{section}-{width}-{theme}.png"),
            });
        }

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        Assert.Empty(errors);
    }
}
