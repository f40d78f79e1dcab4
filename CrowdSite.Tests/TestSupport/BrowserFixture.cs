using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrowdSite.Tests.TestSupport;

/// <summary>
/// The seeded site on a real loopback port, and Debian's Chromium driven by Playwright (which cannot
/// download browsers here). Without Chromium the browser tests skip locally and fail in CI.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    // Every page of every browser test comes from one address: the per-client limits are raised as for a load test.
    public CrowdSiteFactory Factory { get; } = new(settings: new Dictionary<string, string>
    {
        ["RateLimits:LiveConnectionsPerClient"] = "10000",
        ["RateLimits:SignInsPerMinute"] = "10000",
        ["RateLimits:DonationStartsPerMinute"] = "10000",
    });
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string ArtifactsDirectory
    {
        get
        {
            var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "TestResults", "screenshots"));
            Directory.CreateDirectory(root);
            return root;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                // Many pages of one browser stand for many people's foreground tabs: none is throttled as a background tab.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
        });
    }

    /// <summary>Skips (locally) or fails (CI=true) when there is no browser to drive.</summary>
    public void RequireBrowser()
    {
        if (_playwright is not null)
        {
            return;
        }

        var message = $"Chromium is not installed at {ChromiumPath}: apt-get install -y chromium (.ci/run does it).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }

    /// <summary>A new page that collects console errors, at the given path, once Blazor's circuit is up.</summary>
    /// <remarks><paramref name="through"/> is another origin that reaches the same site (a relay), if not the site's own.</remarks>
    public async Task<(IPage Page, List<string> ConsoleErrors)> OpenAsync(string path, int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light, string? through = null)
    {
        var (page, errors, _) = await OpenWithResponseAsync(path, width, height, colorScheme, through);
        return (page, errors);
    }

    /// <summary>Opens a page in a fresh context (no cookies) and waits until it is interactive; also gives the document's response.</summary>
    /// <remarks>The color scheme is the system's setting the page sees (<c>prefers-color-scheme</c>).</remarks>
    public async Task<(IPage Page, List<string> ConsoleErrors, IResponse? Document)> OpenWithResponseAsync(string path, int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light, string? through = null)
    {
        RequireBrowser();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
        });
        // Any script, style or frame the Content-Security-Policy blocks becomes a console error, so every browser test checks it.
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))");
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{response.Status} {response.Url}");
            }
        };
        var document = await page.GotoAsync((through ?? BaseUrl) + path);
        // Opening is not what these tests time (live delivery is, separately): a page gets a minute on a loaded machine.
        await page.WaitForSelectorAsync("body[data-interactive='true']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        return (page, errors, document);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        await Factory.DisposeAsync();
    }
}
