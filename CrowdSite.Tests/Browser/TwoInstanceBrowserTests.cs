using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TwoInstanceBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task PageOpenOnInstanceB_ShowsAChargeRecordedOnInstanceA_WithinTwoSeconds()
    {
        Assert.SkipUnless(TestEngine.IsPostgres, "PostgreSQL only: two instances share a PostgreSQL database (runs with CROWDSITE_TEST_DATABASE=postgres).");
        browser.RequireBrowser();
        await using var b = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:CrowdSite"] = browser.Factory.PostgresConnectionString!,
            ["RateLimits:LiveConnectionsPerClient"] = "10000",
        });
        b.UseKestrel(0);
        b.StartServer();
        var urlB = b.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1").TrimEnd('/');
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(urlB + "/p/miniflux");
        await page.WaitForSelectorAsync("body[data-live-stream='connected']");
        await page.EvaluateAsync(@"() => {
            const balance = () => document.querySelector(""[data-testid='balance']"").textContent;
            const before = balance();
            new MutationObserver(() => { if (!window.__changedAt && balance() !== before) window.__changedAt = Date.now(); })
                .observe(document.querySelector(""[data-live='summary']""), { childList: true, subtree: true, characterData: true });
        }");

        var project = (await browser.Factory.Services.GetRequiredService<ProjectDirectory>().FindAsync("miniflux"))!;
        var chargedAt = await page.EvaluateAsync<double>("Date.now()");
        await browser.Factory.Services.GetRequiredService<LedgerService>().PostAsync(Ledgers.Charge(project.Id, 1_500, $"two-instances-{Guid.NewGuid():N}")); // on A

        await page.WaitForFunctionAsync("() => window.__changedAt !== undefined", null, new() { Timeout = 10_000 });
        var delay = await page.EvaluateAsync<double>("window.__changedAt") - chargedAt;
        TestContext.Current.TestOutputHelper?.WriteLine($"A's charge reached B's page in {delay:0} ms");
        Assert.True(delay <= 2_000, $"took {delay:0} ms");
        await context.CloseAsync();
    }
}
