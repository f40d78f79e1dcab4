using System.Text.RegularExpressions;
using CrowdSite.Features.FreeTier;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrowdSite.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PublicPagesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Home_SearchOnDiscover_LeadsToTheProjectPage()
    {
        var (page, errors) = await browser.OpenAsync("/");
        await Assertions.Expect(page.Locator("[data-testid='needs-support'] [data-testid='project-card']").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "home");
        var needing = await page.Locator("[data-testid='needs-support'] [data-testid='project-link']").AllInnerTextsAsync();
        var newest = await page.Locator("[data-testid='newest'] [data-testid='project-link']").AllInnerTextsAsync();
        Assert.NotEmpty(newest);
        Assert.Empty(needing.Intersect(newest)); // a project is listed once

        await page.Locator("[data-testid='cta-discover']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/projects$"));
        var search = page.Locator("input[data-testid='search']");
        await search.FillAsync("feed reader");
        await search.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/projects\\?q=feed"));
        await Assertions.Expect(page.Locator("[data-testid='result-count']")).ToHaveTextAsync("1 project");
        await BrowserFixture.ScreenshotAsync(page, "discover");
        await page.Locator("[data-testid='project-link']").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/miniflux$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Miniflux Reader");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Discover_SharedUrl_RestoresTheFilters()
    {
        var (page, _) = await browser.OpenAsync("/projects?health=critical");

        await Assertions.Expect(page.Locator("[data-testid='project-card']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid='project-card'] [data-testid='health']")).ToHaveTextAsync("Critical");
    }

    [Fact]
    public async Task Discover_ChoosingAFilter_SearchesAtOnce_WithOnlyTheChosenKeysInTheUrl()
    {
        var (page, errors) = await browser.OpenAsync("/projects");

        await page.Locator("select[data-testid='health-filter']").SelectOptionAsync("critical");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/projects\\?health=critical$"));
        await Assertions.Expect(page.Locator("[data-testid='project-card'] [data-testid='health']")).ToHaveTextAsync("Critical");
        await Assertions.Expect(page.Locator("select[data-testid='health-filter']")).ToHaveValueAsync("critical");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Ledger_PagesAndFilters()
    {
        var (page, errors) = await browser.OpenAsync("/p/takahe/ledger");
        var rows = page.Locator("[data-testid='ledger-grid'] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        var firstPageTop = await rows.First.InnerTextAsync();

        await page.Locator("[data-testid='ledger-pager'] button[aria-label='Next page']").ClickAsync();
        await Assertions.Expect(rows.First).Not.ToHaveTextAsync(firstPageTop);

        var sha = (await page.Locator("[data-testid='ledger-commit']").First.InnerTextAsync()).Trim();
        await page.Locator("input[data-testid='commit-filter']").FillAsync("0000000");
        await page.Locator("input[data-testid='commit-filter']").PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid='ledger-grid']")).ToContainTextAsync("No entries match");
        await page.Locator("input[data-testid='commit-filter']").FillAsync(sha);
        await page.Locator("input[data-testid='commit-filter']").PressAsync("Enter");
        await Assertions.Expect(rows.First).ToContainTextAsync(sha);
        var shas = await page.Locator("[data-testid='ledger-commit']").AllInnerTextsAsync();
        Assert.All(shas, s => Assert.Equal(sha, s.Trim()));
        await BrowserFixture.ScreenshotAsync(page, "ledger");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Transparency_SaysTheBooksBalance()
    {
        var (page, errors) = await browser.OpenAsync("/transparency");

        await Assertions.Expect(page.Locator("[data-testid='reconciliation']")).ToContainTextAsync("The books balance");
        await BrowserFixture.ScreenshotAsync(page, "transparency");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task UnknownProject_ShowsTheNotFoundPage_With404()
    {
        var (page, _, document) = await browser.OpenWithResponseAsync("/p/no-such-project");

        Assert.Equal(404, document!.Status);
        await Assertions.Expect(page.Locator("[data-testid='not-found']")).ToContainTextAsync("Nothing here");
        await BrowserFixture.ScreenshotAsync(page, "not-found");
        await page.GetByRole(AriaRole.Link, new() { Name = "Discover projects" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/projects$"));
    }

    [Fact]
    public async Task ProjectPage_OnAPhone_HasNoHorizontalScroll()
    {
        var (page, _) = await browser.OpenAsync("/p/lobsters", width: 390, height: 844);
        await page.Locator("[data-testid='balance-chart'] .apexcharts-svg").WaitForAsync();

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");

        await BrowserFixture.ScreenshotAsync(page, "project-page-phone");
        Assert.False(overflow, "the page scrolls sideways on a phone");
    }
}

[Collection(BrowserCollection.Name)]
public sealed class FreeTierBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task FreeTier_RendersThePotChartAndTheDemoGrants()
    {
        var (page, errors) = await browser.OpenAsync("/free-tier", height: 1400);

        await page.Locator("[data-testid='pot-chart'] .apexcharts-svg").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid='grants']")).ToContainTextAsync("Excalidraw Rooms");
        await Assertions.Expect(page.Locator("[data-testid='pot-donors']")).ToContainTextAsync("donors have sent");
        await BrowserFixture.ScreenshotAsync(page, "free-tier");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task FreeTier_APotShareGiven_ShowsOnTheOpenPage_WithoutReload()
    {
        var services = browser.Factory.Services;
        var (page, errors) = await browser.OpenAsync("/free-tier");
        await Assertions.Expect(page.Locator("body[data-live-stream='connected']")).ToHaveCountAsync(1);
        await page.EvaluateAsync("window.__notReloaded = true");
        var project = (await services.GetRequiredService<ProjectDirectory>().FindAsync("takahe"))!;

        await services.GetRequiredService<LedgerService>().PostAsync(Ledgers.Donation(project.Id, 50_000, $"pot-live-{Guid.NewGuid():N}", pot: 4_321));
        var balance = (await services.GetRequiredService<PotService>().SummaryAsync()).Balance;

        await Assertions.Expect(page.Locator("[data-live='pot-figures']")).ToContainTextAsync(new Money(balance, "USD").Format(), new() { Timeout = 5_000 });
        Assert.True(await page.EvaluateAsync<bool>("window.__notReloaded === true"));
        Assert.Empty(errors);
    }
}
