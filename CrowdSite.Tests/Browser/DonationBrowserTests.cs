using System.Text.RegularExpressions;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrowdSite.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DonationBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task SimulatedDonation_FromProjectPage_ShowsReceiptAndUpdatesAnOpenPage()
    {
        var (watcher, _) = await browser.OpenAsync("/p/excalidraw");
        var balanceBefore = await watcher.Locator("[data-testid='balance']").InnerTextAsync();
        var rateBefore = await watcher.Locator("[data-testid='donation-rate']").InnerTextAsync();
        var (page, errors) = await browser.OpenAsync("/p/excalidraw");

        await page.Locator("[data-testid='preset-2500']").ClickAsync();
        await page.Locator("input[data-testid='pot-opt-in']").CheckAsync();
        await page.Locator("input[data-testid='public-name']").FillAsync("Playwright Pat");
        await Assertions.Expect(page.Locator("[data-testid='quote']")).ToContainTextAsync("$0.25 to the pot");
        await Assertions.Expect(page.Locator("[data-testid='gift-buys']")).ToHaveTextAsync(new Regex(@"^\$25\.00 runs Excalidraw Rooms for about \d+ days\.$"));
        await page.Locator("[data-testid='frequency'] input[value='true']").CheckAsync();
        await Assertions.Expect(page.Locator("[data-testid='gift-buys']")).ToContainTextAsync("$25.00 a month");
        await page.Locator("[data-testid='frequency'] input[value='false']").CheckAsync();
        await BrowserFixture.ScreenshotAsync(page, "donate-panel");
        await page.Locator("[data-testid='donate-button']").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/checkout/simulated/"));
        await Assertions.Expect(page.Locator("[data-testid='simulated-banner']")).ToContainTextAsync("Simulated payment — no money moves");
        await Assertions.Expect(page.Locator("[data-testid='checkout-total']")).ToHaveTextAsync("$25.00");
        await BrowserFixture.ScreenshotAsync(page, "simulated-checkout");
        await page.WaitForSelectorAsync("body[data-interactive='true']");
        await page.Locator("[data-testid='simulated-pay']").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/receipts/"));
        await Assertions.Expect(page.Locator("[data-testid='thanks']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='receipt-amount']")).ToHaveTextAsync("$25.00");
        await Assertions.Expect(page.Locator("[data-testid='receipt-simulated']")).ToContainTextAsync("no money moved");
        await Assertions.Expect(page.Locator("[data-testid='receipt']")).ToContainTextAsync("Playwright Pat");
        await Assertions.Expect(page.Locator("[data-testid='receipt-buys']")).ToContainTextAsync("$25.00 runs Excalidraw Rooms for about");
        await BrowserFixture.ScreenshotAsync(page, "receipt");
        await Assertions.Expect(watcher.Locator("[data-testid='balance']")).Not.ToHaveTextAsync(balanceBefore);
        await Assertions.Expect(watcher.Locator("[data-testid='donation-rate']")).Not.ToHaveTextAsync(rateBefore);
        Assert.Empty(errors);
    }

    /// <summary>Issue 15, part 3, end to end: a name-only gift, then turned anonymous from its receipt link (screenshots at both widths).</summary>
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task NameOnlyGift_TurnedAnonymousFromItsReceipt_LeavesTheBackersList(int width)
    {
        var name = $"Screen Sam {width}";
        var (page, errors) = await browser.OpenAsync("/p/takahe", width);

        await page.Locator("[data-testid='preset-2500']").ClickAsync();
        await page.Locator("input[data-testid='visibility-nameOnly']").CheckAsync();
        await page.Locator("input[data-testid='public-name']").FillAsync(name);
        await Assertions.Expect(page.Locator("[data-testid='quote']")).ToContainTextAsync("You pay $25.00");
        await page.Locator("[data-testid='donate']").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"privacy-donate-panel-{width}.png") });
        await page.Locator("input[data-testid='visibility-anonymous']").CheckAsync();
        await Assertions.Expect(page.Locator("input[data-testid='public-name']")).ToBeHiddenAsync();
        await page.Locator("input[data-testid='visibility-nameOnly']").CheckAsync();
        await page.Locator("[data-testid='donate-button']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/checkout/simulated/"));
        await page.WaitForSelectorAsync("body[data-interactive='true']");
        await page.Locator("[data-testid='simulated-pay']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/receipts/"));
        await page.WaitForSelectorAsync("body[data-interactive='true']");
        await Assertions.Expect(page.Locator("[data-testid='receipt-public-text']")).ToContainTextAsync($"“{name}” appears in the project's backers list, without the amount.");
        var (project, _) = await browser.OpenAsync("/p/takahe", width);
        await Assertions.Expect(project.Locator("[data-testid='backers']")).ToContainTextAsync(name);

        await page.Locator("[data-testid='change-visibility']").GetByText("Change how it appears").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='visibility-save']")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(400); // the panel's opening animation, for the screenshot only
        await BrowserFixture.ScreenshotAsync(page, $"privacy-receipt-{width}");
        await page.Locator("[data-testid='visibility-editor']").GetByText("Anonymous", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid='visibility-save']").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid='visibility-saved']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='receipt-public-text']")).ToContainTextAsync("No name appears anywhere");
        await Assertions.Expect(project.Locator("[data-testid='backers']")).Not.ToContainTextAsync(name); // live, without a reload
        Assert.Empty(errors);
    }

    /// <summary>
    /// Issue 15, part 4: a gift Stripe's Adaptive Pricing presented in euros. The browser app takes simulated payments, so
    /// the payment event Stripe's webhook would produce is handed to the same handler (StripeDonationTests covers the webhook).
    /// </summary>
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Receipt_PaidInTheDonorsCurrency_ShowsWhatTheyPaidAndWhatWasReceived(int width)
    {
        var services = browser.Factory.Services;
        var start = await services.GetRequiredService<CrowdSite.Features.Donations.DonationService>().StartAsync(
            "takahe", new CrowdSite.Features.Donations.DonationRequest(2_500, "USD", PublicName: "Euro Eva", Visibility: CrowdSite.Features.Donations.DonorVisibility.NameOnly),
            new Uri(browser.BaseUrl));
        var id = start.IntentId!.Value.ToString("N");
        var (_, donation) = await services.GetRequiredService<CrowdSite.Features.Donations.PaymentEventHandler>().HandleAsync(
            new CrowdSite.Features.Donations.CheckoutPaid($"evt_eur_{id}", start.IntentId.Value, 2_500, 103, $"cs_eur_{id}", $"pi_eur_{id}",
                null, null, null, new CrowdSite.Features.Donations.PresentedAmount(2_318, "EUR")));

        var (page, errors) = await browser.OpenAsync($"/receipts/{donation!.ReceiptToken}", width);

        await Assertions.Expect(page.Locator("[data-testid='receipt-presented']")).ToHaveTextAsync("€23.18");
        await Assertions.Expect(page.Locator("[data-testid='receipt-amount']")).ToHaveTextAsync("$25.00");
        await Assertions.Expect(page.Locator("[data-testid='receipt']")).ToContainTextAsync("Received, in USD");
        await BrowserFixture.ScreenshotAsync(page, $"receipt-eur-{width}");
        Assert.Empty(errors);
    }

    /// <summary>
    /// Issue 16: the whole gift by keyboard (Tab, Space and Enter only) from a fresh project page to the receipt, with a
    /// visible focus ring (an outline of at least 2 px on the element, or on the label a hidden radio button draws) at every stop.
    /// </summary>
    [Fact]
    public async Task KeyboardOnlyDonation_FromProjectPageToReceipt_ShowsAFocusRingAtEveryStop()
    {
        var (page, errors) = await browser.OpenAsync("/p/umami");
        await page.Locator("[data-donate-form][data-wired]").WaitForAsync();
        var stops = new List<string>();

        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.matches('[data-skip-link]')"), "the first Tab reaches the skip link");
        await TabToAsync(page, "input[name='recurring'][value='false']", stops);
        Assert.Equal("radio", await page.EvaluateAsync<string>("() => document.activeElement.type"));
        Assert.Equal("How often", await page.EvaluateAsync<string>("() => document.activeElement.closest('fieldset').querySelector('legend').textContent.trim()"));
        await TabToAsync(page, "[data-testid='preset-2500']", stops);
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("[data-testid='preset-2500']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("[data-testid='preset-1000']")).ToHaveAttributeAsync("aria-pressed", "false");
        await TabToAsync(page, "input[data-testid='pot-opt-in']", stops);
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("[data-testid='quote']")).ToContainTextAsync("$0.25 to the pot");
        await TabToAsync(page, "[data-testid='donate-button']", stops);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/checkout/simulated/"));
        await page.WaitForSelectorAsync("body[data-interactive='true']");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.matches('[data-skip-link]')"), "the checkout's first Tab reaches the skip link");
        await TabToAsync(page, "[data-testid='simulated-pay']", stops);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/receipts/"));
        await Assertions.Expect(page.Locator("[data-testid='receipt-amount']")).ToHaveTextAsync("$25.00");
        var unringed = stops.Where(s => s.StartsWith("NO RING", StringComparison.Ordinal)).ToList();
        Assert.True(unringed.Count == 0, string.Join("\n", unringed));
        Assert.Empty(errors);
    }

    /// <summary>Presses Tab until the focus is on <paramref name="selector"/>, noting each stop and whether it shows a focus ring.</summary>
    private static async Task TabToAsync(IPage page, string selector, List<string> stops)
    {
        for (var i = 0; i < 300; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var stop = await page.EvaluateAsync<string>("""
                selector => {
                  const e = document.activeElement;
                  const ringed = n => n && getComputedStyle(n).outlineStyle !== 'none' && parseFloat(getComputedStyle(n).outlineWidth) >= 2;
                  const hidden = e.tagName === 'INPUT' && parseFloat(getComputedStyle(e).opacity) === 0;
                  const ok = hidden ? ringed(e.nextElementSibling) : ringed(e);
                  const name = `${e.tagName.toLowerCase()}${e.dataset.testid ? `[${e.dataset.testid}]` : ''} "${(e.textContent || e.name || '').trim().slice(0, 30)}"`;
                  return `${ok ? 'ok' : 'NO RING'} ${e.matches(selector) ? 'TARGET' : ''} ${name}`;
                }
                """, selector);
            stops.Add(stop);
            if (stop.Contains(" TARGET ", StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"300 Tabs did not reach {selector}: {string.Join(" | ", stops.TakeLast(10))}");
    }

    [Fact]
    public async Task DonatePanel_AmountBelowMinimum_ExplainsAndDisablesDonate()
    {
        var (page, _) = await browser.OpenAsync("/p/miniflux");

        await page.Locator("input[data-testid='amount']").FillAsync("0.50");

        await Assertions.Expect(page.Locator("[data-testid='donate']")).ToContainTextAsync("A gift is between $1.00 and $10,000.00.");
        await Assertions.Expect(page.Locator("[data-testid='donate-button']")).ToBeDisabledAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class SignedInDonorBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignedInDonor_GivesAndFindsTheGiftOnMyDonations()
    {
        var (page, errors) = await browser.OpenAsync("/signin?returnUrl=/p/miniflux");
        await Assertions.Expect(page.Locator("[data-testid='dev-signin-notice']")).ToContainTextAsync("Development sign-in");
        await page.Locator("[data-testid='dev-signin-demo-donor']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/miniflux$"));
        await page.WaitForSelectorAsync("body[data-interactive='true']");
        await Assertions.Expect(page.Locator("[data-testid='me-link']")).ToHaveTextAsync("Dana Donor");

        await page.Locator("[data-testid='preset-1000']").ClickAsync();
        await page.Locator("[data-testid='donate-button']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/checkout/simulated/"));
        await page.WaitForSelectorAsync("body[data-interactive='true']"); // the checkout is a static page with a plain form
        await page.Locator("[data-testid='simulated-pay']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/receipts/"));
        await page.WaitForSelectorAsync("body[data-interactive='true']"); // a click before the page is live can be lost
        await page.Locator("[data-testid='me-link']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/me$"));

        await Assertions.Expect(page.Locator("[data-testid='my-donations']")).ToContainTextAsync("Miniflux Reader");
        await Assertions.Expect(page.Locator("[data-testid='my-donations']")).ToContainTextAsync("$10.00");
        await BrowserFixture.ScreenshotAsync(page, "my-donations");

        // Issue 15, part 3: the gift was anonymous (no name typed); the donor names it from /me, without its amount.
        var newest = page.Locator("[data-testid='my-donations'] [data-testid='my-visibility']").First;
        await Assertions.Expect(newest).ToContainTextAsync("Anonymous");
        await newest.Locator("[data-testid='my-visibility-change']").ClickAsync();
        await page.Locator("[data-testid='visibility-editor']").GetByText("Name only", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid='visibility-editor'] input:not([type='radio'])").FillAsync("Dana D.");
        await page.Locator("[data-testid='visibility-save']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='visibility-saved']")).ToBeVisibleAsync();
        await Assertions.Expect(newest).ToContainTextAsync("Dana D. (name only)");
        await BrowserFixture.ScreenshotAsync(page, "my-donations-visibility");
        var (project, _) = await browser.OpenAsync("/p/miniflux");
        await Assertions.Expect(project.Locator("[data-testid='backers']")).ToContainTextAsync("Dana D.");
        Assert.Empty(errors);
    }
}
