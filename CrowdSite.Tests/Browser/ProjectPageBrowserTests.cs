using System.Globalization;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrowdSite.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ProjectPageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task ProjectPage_Opened_RendersThreeChartsWithoutConsoleErrors()
    {
        var (page, errors) = await browser.OpenAsync("/p/takahe", height: 1600);

        foreach (var chart in new[] { "cost-chart", "donations-chart", "balance-chart" })
        {
            await page.Locator($"[data-testid='{chart}'] .apexcharts-svg").WaitForAsync();
        }

        await BrowserFixture.ScreenshotAsync(page, "project-page");
        Assert.Empty(errors);
    }

    /// <summary>
    /// Issue 16: a resource has one colour on every project, donations against cost is a colour-blind-safe pair (blue and
    /// vermillion), the running week and month are marked "so far", month labels do not repeat the year nor run past the
    /// chart, and the balance's table keeps its projection to rows of its own.
    /// </summary>
    [Theory]
    [InlineData("takahe")]
    [InlineData("umami")]
    public async Task ProjectPage_Charts_KeepColoursMarkTheRunningPeriodAndSplitTheBalanceTable(string slug)
    {
        var (page, errors) = await browser.OpenAsync($"/p/{slug}", height: 1600);
        foreach (var chart in new[] { "cost-chart", "donations-chart", "balance-chart" })
        {
            await page.Locator($"[data-testid='{chart}'] .apexcharts-svg").WaitForAsync();
        }

        const string Fill = "g => getComputedStyle(g.querySelector('path')).fill";
        Assert.Equal("rgb(0, 158, 115)", await page.Locator("[data-testid='cost-chart'] .apexcharts-series[seriesName='Compute']").EvaluateAsync<string>(Fill));
        Assert.Equal("rgb(204, 121, 167)", await page.Locator("[data-testid='cost-chart'] .apexcharts-series[seriesName='Memory']").EvaluateAsync<string>(Fill));
        Assert.Equal("rgb(0, 114, 178)", await page.Locator("[data-testid='donations-chart'] .apexcharts-series[seriesName='Donations']").EvaluateAsync<string>(Fill));
        Assert.Equal("rgb(213, 94, 0)", await page.Locator("[data-testid='donations-chart'] .apexcharts-series:not([seriesName='Donations'])").EvaluateAsync<string>(Fill));
        foreach (var chart in new[] { "cost-chart", "donations-chart" })
        {
            await Assertions.Expect(page.Locator($"[data-testid='{chart}'] .apexcharts-xaxis-annotations")).ToContainTextAsync("so far");
            var labels = await page.Locator($"[data-testid='{chart}'] .apexcharts-xaxis-label").AllTextContentsAsync();
            Assert.DoesNotContain(labels, l => l.Contains('\''));
            var overhang = await page.Locator($"[data-testid='{chart}'] .apexcharts-svg").EvaluateAsync<double>(
                "svg => Math.max(...[...svg.querySelectorAll('.apexcharts-xaxis-label')].map(l => l.getBoundingClientRect().right)) - svg.getBoundingClientRect().right");
            Assert.True(overhang <= 0, $"{chart}: the last date label runs {overhang:0} px past the chart");
        }

        await page.Locator("[data-testid='cost-chart-toggle']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='cost-chart-table'] tbody tr").Last).ToContainTextAsync("(so far)");
        await page.Locator("[data-testid='balance-chart-toggle']").ClickAsync();
        var tables = page.Locator("[data-testid='balance-chart-table'] table");
        await Assertions.Expect(tables).ToHaveCountAsync(2);
        await Assertions.Expect(tables.Nth(1).Locator("caption")).ToHaveTextAsync("Balance and runway: Projection");
        Assert.InRange(await tables.Nth(1).Locator("tbody tr").CountAsync(), 1, 40);
        Assert.Equal(0, await page.Locator("[data-testid='balance-chart-table'] td").EvaluateAllAsync<int>("tds => tds.filter(td => td.textContent.trim() === '').length"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ProjectPage_DarkMode_DarkensThePageAndRedrawsTheCharts()
    {
        var (page, errors) = await browser.OpenAsync("/p/excalidraw", height: 1600);
        await page.Locator("[data-testid='cost-chart'] .apexcharts-svg").WaitForAsync();

        const string IsDark = "() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return r + g + b < 200; }";
        Assert.False(await page.EvaluateAsync<bool>(IsDark));

        await page.Locator("[data-testid='theme-toggle']:visible").ClickAsync();

        await page.WaitForFunctionAsync(IsDark);
        await page.WaitForFunctionAsync("() => document.querySelector(\"[data-testid='cost-chart'] .apexcharts-theme-dark, [data-testid='cost-chart'] .apexcharts-canvas.apexcharts-theme-dark\") !== null");
        await BrowserFixture.ScreenshotAsync(page, "project-page-dark");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ContentSecurityPolicy_RunsTheSitesScripts_AndBlocksAnInjectedOne()
    {
        var (page, errors) = await browser.OpenAsync("/p/excalidraw");
        await page.Locator("[data-testid='cost-chart'] .apexcharts-svg").WaitForAsync(); // ApexCharts, MudBlazor and Blazor ran

        // What an XSS that slipped through would try: an inline script.
        var ran = await page.EvaluateAsync<bool>("() => { const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.appendChild(s); return window.__injected === true; }");

        Assert.False(ran);
        // Chromium's own console error comes at once; the page's securitypolicyviolation event a moment later.
        for (var i = 0; i < 50 && !errors.Any(e => e.StartsWith("CSP violation: script-src", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(errors, e => e.StartsWith("CSP violation: script-src", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProjectPage_CommitLink_PointsAtTheCommitOnGitHub()
    {
        var (page, _) = await browser.OpenAsync("/p/miniflux");

        var href = await page.Locator("[data-testid='commit-link']").First.GetAttributeAsync("href");

        Assert.Matches("^https://github.com/miniflux/v2/commit/[0-9a-f]{40}$", href);
    }

    [Fact]
    public async Task ProjectPage_ChargeRecordedWhileOpen_UpdatesCostAndChartWithoutReload()
    {
        var (page, _) = await browser.OpenAsync("/p/crowdsite");
        await page.Locator("[data-testid='cost-chart'] .apexcharts-svg").WaitForAsync();
        var before = await page.Locator("[data-testid='monthly-cost']").InnerTextAsync();
        var shortfallBefore = await page.Locator("[data-testid='shortfall']").InnerTextAsync();
        var chartBefore = await page.Locator("[data-testid='cost-chart']").InnerHTMLAsync();
        await page.EvaluateAsync("window.__noReload = true");
        Assert.Equal("", await page.Locator("[data-testid='live-announcer']").InnerTextAsync()); // opening the page announces nothing

        // Small enough to leave every health unchanged for the other tests sharing this site.
        await RecordChargeAsync("crowdsite", 500);

        await Assertions.Expect(page.Locator("[data-testid='monthly-cost']")).Not.ToHaveTextAsync(before, new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("[data-testid='shortfall']")).Not.ToHaveTextAsync(shortfallBefore);
        await Assertions.Expect(page.Locator("[data-testid='shortfall']")).ToContainTextAsync("Costs covered");
        await page.WaitForFunctionAsync("html => document.querySelector(\"[data-testid='cost-chart']\").innerHTML !== html", chartBefore);
        // The new charge heads the recent charges (a delta brings only its row); the table keeps its 20 rows.
        await Assertions.Expect(page.Locator("[data-testid='charge-row']").First).ToContainTextAsync("$5.00");
        await Assertions.Expect(page.Locator("[data-testid='charge-row']")).ToHaveCountAsync(ProjectPageService.RecentChargeCount);
        // The row's icons refer to the page's sprite: drawn (a reference to a missing symbol draws nothing).
        Assert.True(await page.EvaluateAsync<bool>("[...document.querySelectorAll(\"[data-testid='charge-row']:first-child use\")].every(u => u.getBBox().width > 0)"),
            "an icon of the new row draws nothing");
        Assert.Equal(2, await page.Locator("[data-testid='charge-row']:first-child use").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("window.__noReload === true"), "the page reloaded");
        // One polite sentence for screen readers, not the dozens of texts that changed.
        await Assertions.Expect(page.Locator("[data-testid='live-announcer'][aria-live='polite']")).ToContainTextAsync("CrowdSite updated: balance $");
        await BrowserFixture.ScreenshotAsync(page, "project-page-live-update");
    }

    [Fact]
    public async Task ProjectPage_ReachedByEnhancedNavigationFromAnother_FollowsOnlyTheProjectItShows()
    {
        var (page, errors) = await browser.OpenAsync("/p/lobsters");
        await page.WaitForSelectorAsync("body[data-live-stream='connected']");
        await page.EvaluateAsync("window.__noReload = true");

        // Project page → Discover → another project, each by a link Blazor's enhanced navigation follows (no page load).
        await page.GetByRole(AriaRole.Link, new() { Name = "Discover" }).First.ClickAsync();
        await page.WaitForURLAsync("**/projects");
        await page.Locator("[data-testid='project-link']", new() { HasText = "Excalidraw" }).ClickAsync();
        await page.WaitForURLAsync("**/p/excalidraw");
        await page.WaitForSelectorAsync("body[data-live-stream='connected']");
        var before = await page.Locator("[data-testid='balance']").InnerTextAsync();

        await RecordChargeAsync("lobsters", 100); // the page left behind: its frames must not reach this page
        await RecordChargeAsync("excalidraw", 100);

        await Assertions.Expect(page.Locator("[data-testid='balance']")).Not.ToHaveTextAsync(before, new() { Timeout = 10_000 });
        await page.WaitForTimeoutAsync(1_000); // time for a stray frame of the other project to land, if one were coming
        var figures = (await browser.Factory.Services.GetRequiredService<ProjectDirectory>().SummaryAsync("excalidraw"))!.Figures;
        Assert.Equal(new Money(figures.Balance, figures.Currency).Format(), (await page.Locator("[data-testid='balance']").InnerTextAsync()).Trim());
        Assert.Contains("Excalidraw", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.EvaluateAsync<bool>("window.__noReload === true"), "a link loaded the page instead of navigating");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ProjectPage_ConnectionDropped_CatchesUpOnReconnect_WithoutReload()
    {
        await using var network = new TcpRelay(browser.BaseUrl);
        var (page, _) = await browser.OpenAsync("/p/lobsters", through: network.BaseUrl);
        await page.WaitForSelectorAsync("body[data-live-stream='connected']");
        await page.EvaluateAsync("window.__noReload = true");
        var before = await page.Locator("[data-testid='balance']").InnerTextAsync();

        // The network drops; a charge is recorded before the browser's stream is back.
        await page.RouteAsync("**/live**", route => route.AbortAsync("internetdisconnected"));
        network.CutAll();
        await page.WaitForSelectorAsync("body:not([data-live-stream='connected'])");
        await RecordChargeAsync("lobsters", 100);
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(before, await page.Locator("[data-testid='balance']").InnerTextAsync());
        var reconnects = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/live", StringComparison.Ordinal))
            {
                reconnects.Add(request);
            }
        };
        await page.UnrouteAllAsync();

        // The browser reconnects by itself, saying the last event it saw; the answer brings what it missed.
        await Assertions.Expect(page.Locator("[data-testid='balance']")).Not.ToHaveTextAsync(before, new() { Timeout = 15_000 });
        await page.WaitForSelectorAsync("body[data-live-stream='connected']");
        Assert.True(await page.EvaluateAsync<bool>("window.__noReload === true"), "the page reloaded");
        Assert.NotEmpty(reconnects);
        foreach (var request in reconnects)
        {
            Assert.False(string.IsNullOrEmpty(await request.HeaderValueAsync("last-event-id")), "a reconnect without the last event id it saw");
        }
    }

    [Fact]
    public async Task ProjectPage_ServedFromTheOutputCache_StillConnectsAndUpdatesLive()
    {
        await browser.OpenAsync("/p/umami"); // renders and stores the page for anonymous visitors

        // Another test's page edit on the shared site (it moves every page's key) or a charge for this project can
        // land between two views; a third view then comes from the cache the second one stored.
        var (page, errors, document) = await browser.OpenWithResponseAsync("/p/umami");
        for (var view = 3; view <= 4 && !(await document!.AllHeadersAsync()).ContainsKey("age"); view++)
        {
            await page.Context.CloseAsync();
            (page, errors, document) = await browser.OpenWithResponseAsync("/p/umami");
        }

        Assert.True((await document!.AllHeadersAsync()).ContainsKey("age"), "a repeated anonymous view should come from the output cache");
        await page.Locator("[data-testid='cost-chart'] .apexcharts-svg").WaitForAsync();
        var before = await page.Locator("[data-testid='monthly-cost']").InnerTextAsync();

        await RecordChargeAsync("umami", 400);

        await Assertions.Expect(page.Locator("[data-testid='monthly-cost']")).Not.ToHaveTextAsync(before, new() { Timeout = 10_000 });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TwentyOpenPages_OneCharge_EveryPageShowsTheNewBalanceWithinTwoSeconds()
    {
        var pages = new List<IPage>();
        try
        {
            await WatchTwentyPagesAsync(pages);
        }
        finally
        {
            // Closed even when the test fails: twenty pages left open would slow every later browser test.
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }
        }
    }

    private async Task WatchTwentyPagesAsync(List<IPage> pages)
    {
        for (var i = 0; i < 20; i++)
        {
            var (page, _) = await browser.OpenAsync("/p/lobsters", height: 700);
            await page.WaitForSelectorAsync("body[data-live-stream='connected']");
            // Each page notes, by its own clock, when its balance changed (Playwright's polling of 20 pages would add its own delay).
            await page.EvaluateAsync(@"() => {
                window.__noReload = true;
                const balance = () => document.querySelector(""[data-testid='balance']"").textContent;
                const before = balance();
                new MutationObserver(() => { if (!window.__changedAt && balance() !== before) window.__changedAt = Date.now(); })
                    .observe(document.querySelector(""[data-live='summary']""), { childList: true, subtree: true, characterData: true });
            }");
            pages.Add(page);
        }

        var chargedAt = await pages[0].EvaluateAsync<double>("Date.now()");
        await RecordChargeAsync("lobsters", 300);

        var delays = new List<double>();
        foreach (var page in pages)
        {
            await page.WaitForFunctionAsync("() => window.__changedAt !== undefined", null, new() { Timeout = 20_000 });
            delays.Add(await page.EvaluateAsync<double>("window.__changedAt") - chargedAt);
            Assert.True(await page.EvaluateAsync<bool>("window.__noReload === true"), "a page reloaded");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"page update delays (ms): {string.Join(", ", delays.Select(d => d.ToString("0", CultureInfo.InvariantCulture)))}");
        Assert.True(delays.Max() <= 2_000, $"slowest page took {delays.Max():0} ms");
    }

    private async Task RecordChargeAsync(string slug, long amount)
    {
        var services = browser.Factory.Services;
        var project = (await services.GetRequiredService<ProjectDirectory>().FindAsync(slug))!;
        await using var db = await services.GetRequiredService<IDbContextFactory<CrowdSite.Data.CrowdSiteDbContext>>().CreateDbContextAsync();
        var commit = await db.Deployments.Where(d => d.ProjectId == project.Id).OrderByDescending(d => d.StartedAt).Select(d => d.Commit!).FirstAsync();
        var now = browser.Factory.Time.GetUtcNow().UtcDateTime;
        var charge = new Charge
        {
            SourceId = $"browser-test-{Guid.NewGuid():N}", ProjectId = project.Id, CommitId = commit.Id, Resource = "compute",
            Quantity = 10, Unit = "vCPU-hours", Amount = amount, Currency = "USD", PeriodStart = now.AddHours(-1), PeriodEnd = now,
        };
        await services.GetRequiredService<LedgerService>().PostAsync(ChargePostings.Build(charge, project.Name, commit.ShortSha, null));
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
