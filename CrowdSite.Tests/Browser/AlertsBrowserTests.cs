using System.Text.RegularExpressions;
using CrowdSite.Features.Alerts;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrowdSite.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AlertsBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task FollowPage_SubmitWithoutJavaScriptHelp_ConfirmationListedAtDevMail(int width)
    {
        browser.RequireBrowser();
        var (page, errors) = await browser.OpenAsync("/p/miniflux", width);
        await page.Locator("[data-testid='follow-link']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/miniflux/follow$"));
        await BrowserFixture.ScreenshotAsync(page, $"follow-{width}");

        await page.Locator("[data-testid='follow-email']").FillAsync($"reader{width}@example.org");
        await page.Locator("[data-testid='follow-submit']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='follow-sent']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"follow-sent-{width}");
        await browser.Factory.Services.GetRequiredService<OutboxDelivery>().SendDueAsync();

        await page.GotoAsync(browser.BaseUrl + "/dev/mail");
        await Assertions.Expect(page.Locator("[data-testid='dev-mail-banner']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='dev-mail-message']").Filter(new() { HasText = $"reader{width}@example.org" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"dev-mail-{width}");
        Assert.Empty(errors);
    }
}
