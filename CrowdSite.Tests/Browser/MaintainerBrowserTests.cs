using System.Text.RegularExpressions;
using CrowdSite.Tests.TestSupport;
using Microsoft.Playwright;

namespace CrowdSite.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class MaintainerBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Maintainer_EditsThePageAndPostsAnUpdate()
    {
        var (page, errors) = await browser.OpenAsync("/signin?returnUrl=/p/umami/edit");
        await page.Locator("[data-testid='dev-signin-demo-maintainer']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/umami/edit$"));
        await page.WaitForSelectorAsync("body[data-interactive='true']");

        var description = page.Locator("textarea[data-testid='description-input']");
        await description.FillAsync("## Now with **dashboards**\n\n<script>alert('x')</script>");
        await Assertions.Expect(page.Locator("[data-testid='description-preview'] strong")).ToHaveTextAsync("dashboards");
        await BrowserFixture.ScreenshotAsync(page, "edit-page");
        await page.Locator("[data-testid='save']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='edit-message']")).ToContainTextAsync("Saved");

        await page.GotoAsync(browser.BaseUrl + "/p/umami/updates/new");
        await page.WaitForSelectorAsync("body[data-interactive='true']");
        await page.Locator("input[data-testid='update-title']").FillAsync("Dashboards are live");
        await page.Locator("textarea[data-testid='update-body-input']").FillAsync("Thanks to every backer.");
        await page.Locator("[data-testid='post-update']").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid='update']").First).ToContainTextAsync("Dashboards are live");
        await Assertions.Expect(page.Locator("[data-testid='description'] strong")).ToHaveTextAsync("dashboards");
        Assert.Equal(0, await page.Locator("[data-testid='description'] script").CountAsync());
        Assert.Empty(errors);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class FreeTierApplicationBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task ApprovedApplication_AppearsInTheFreeTierList()
    {
        var (page, errors) = await browser.OpenAsync("/signin/dev?as=demo-maintainer&returnUrl=/p/takahe/free-tier/apply");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Apply for the free tier for Takahē Social");
        await page.Locator("textarea[data-testid='apply-reason']").FillAsync("A small community server that cannot pay its way yet.");
        await page.Locator("[data-testid='apply']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='applied']")).ToBeVisibleAsync();

        await page.GotoAsync(browser.BaseUrl + "/signin/dev?as=demo-operator&returnUrl=/operators/free-tier");
        await page.WaitForSelectorAsync("body[data-interactive='true']");
        var application = page.Locator("[data-testid='application']").Filter(new() { HasText = "Takahē Social" });
        await application.Locator("input[data-testid='decision-reason']").FillAsync("Approved: small and public.");
        await application.Locator("[data-testid='approve']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='application']").Filter(new() { HasText = "Takahē Social" })).ToHaveCountAsync(0);

        await page.GotoAsync(browser.BaseUrl + "/free-tier");
        await Assertions.Expect(page.Locator("[data-testid='free-tier-projects']")).ToContainTextAsync("Takahē Social");
        Assert.Empty(errors);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class UsageImportBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Operator_PreviewsAndImportsACsvOfCharges()
    {
        var (page, errors) = await browser.OpenAsync("/signin/dev?as=demo-operator&returnUrl=/operators/usage-import");
        var ledger = await page.APIRequest.GetAsync(browser.BaseUrl + "/api/v1/projects/miniflux/ledger?limit=50");
        var sha = (await ledger.JsonAsync())!.Value
            .GetProperty("items").EnumerateArray().First(i => i.GetProperty("commitSha").ValueKind == System.Text.Json.JsonValueKind.String)
            .GetProperty("commitSha").GetString();
        var csv = "id,project,commitSha,resource,quantity,unit,amount,currency,periodStart,periodEnd\n"
            + $"csv-1,miniflux,{sha},storage,3,GB-days,12,USD,2026-11-25T00:00:00Z,2026-11-26T00:00:00Z\n";

        await page.Locator("input[type='file']").SetInputFilesAsync(new FilePayload { Name = "charges.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await Assertions.Expect(page.Locator("[data-testid='preview-ok']")).ToContainTextAsync("1 rows are valid");
        await page.Locator("[data-testid='import']").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid='imported']")).ToContainTextAsync("Recorded 1 charges");
        Assert.Empty(errors);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class SignOutBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/me")] // an interactive page: the token reaches its circuit from the prerender
    [InlineData("/p/takahe")] // a static page, rendered fresh for a signed-in visitor
    public async Task SignOutButton_SignsOut(string from)
    {
        var (page, errors) = await browser.OpenAsync($"/signin/dev?as=demo-donor&returnUrl={Uri.EscapeDataString(from)}");
        await Assertions.Expect(page.Locator("[data-testid='me-link']")).ToBeVisibleAsync();
        if (from == "/me")
        {
            await page.WaitForSelectorAsync("body[data-interactive='true']");
        }

        await page.Locator("[data-testid='signout-form'] button").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid='signin-link']")).ToBeVisibleAsync();
        var me = await page.APIRequest.GetAsync(browser.BaseUrl + "/me", new() { MaxRedirects = 0 });
        Assert.Equal(302, me.Status);
        Assert.Empty(errors);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class SignedOutEditorBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task EditorLeftOpen_AfterSigningOutInAnotherTab_SavesNothingAndKeepsTheText()
    {
        var (editor, errors) = await browser.OpenAsync("/signin/dev?as=demo-maintainer&returnUrl=/p/umami/edit");
        await editor.WaitForSelectorAsync("body[data-interactive='true']");
        var before = await editor.APIRequest.GetAsync(browser.BaseUrl + "/api/v1/projects/umami");
        var taglineBefore = System.Text.Json.JsonDocument.Parse(await before.TextAsync()).RootElement.GetProperty("tagline").GetString();

        var otherTab = await editor.Context.NewPageAsync();
        await otherTab.GotoAsync(browser.BaseUrl + "/p/umami");
        await otherTab.Locator("[data-testid='signout-form'] button").ClickAsync();
        await Assertions.Expect(otherTab.Locator("[data-testid='signin-link']")).ToBeVisibleAsync();

        var tagline = editor.Locator("input[data-testid='tagline']");
        await tagline.FillAsync("Saved after sign-out?");
        await editor.Locator("[data-testid='save']").ClickAsync();

        await Assertions.Expect(editor.Locator("[data-testid='edit-message']")).ToContainTextAsync("You are signed out");
        await Assertions.Expect(tagline).ToHaveValueAsync("Saved after sign-out?");
        var after = await editor.APIRequest.GetAsync(browser.BaseUrl + "/api/v1/projects/umami");
        Assert.Equal(taglineBefore, System.Text.Json.JsonDocument.Parse(await after.TextAsync()).RootElement.GetProperty("tagline").GetString());
        Assert.Empty(errors);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class LongDescriptionBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Editor_SavesADescriptionOfTheFullDocumentedLength_InNonAsciiText()
    {
        var (page, errors) = await browser.OpenAsync("/signin/dev?as=demo-maintainer&returnUrl=/p/miniflux/edit");
        await page.WaitForSelectorAsync("body[data-interactive='true']");
        var text = string.Concat(Enumerable.Repeat("資金は計算に", 20_000 / 6)) + "終わ"; // 20,000 characters, ~60 KB of UTF-8

        await page.Locator("textarea[data-testid='description-input']").FillAsync(text);
        await page.Locator("[data-testid='save']").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid='edit-message']")).ToContainTextAsync("Saved");
        var project = await page.APIRequest.GetAsync(browser.BaseUrl + "/api/v1/projects/miniflux");
        Assert.Equal(text, System.Text.Json.JsonDocument.Parse(await project.TextAsync()).RootElement.GetProperty("description").GetString());
        Assert.Empty(errors);
    }
}
