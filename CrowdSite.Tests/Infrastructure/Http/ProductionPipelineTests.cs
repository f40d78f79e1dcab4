using System.Net;
using System.Text.RegularExpressions;
using CrowdSite.Data;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrowdSite.Tests.Infrastructure.Http;

/// <summary>
/// The site as deployed (environment Production, over HTTPS at a public host name): its static assets, the error page
/// a visitor sees when a page fails, and the transport headers. API errors as problem+json: see ApiExceptionTests.
/// </summary>
public sealed partial class ProductionPipelineTests : IAsyncLifetime
{
    private static readonly Uri Https = new("https://crowdsite.example/");
    private readonly CrowdSiteFactory _site = new(seedDemo: false, environment: "Production", settings: new Dictionary<string, string>
    {
        ["https_port"] = "443",
    });

    private readonly WebApplicationFactory<Program> _factory;

    public ProductionPipelineTests() => _factory = _site.WithWebHostBuilder(b => b
        // A build keeps the scoped CSS bundle and the framework's scripts outside wwwroot, where a publish puts them:
        // outside Development only this manifest finds them (a published site has them in its wwwroot).
        .UseStaticWebAssets()
        .ConfigureServices(s =>
        {
            s.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true);
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(new BreakingTime(_site.Time)));
        }));

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD", CreatedAt = TestDatabase.Now.UtcDateTime });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Assets_EveryOneAPageLinks_IsServedWithItsType()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = Client();
        var html = await client.GetStringAsync("/p/app", ct);

        var assets = LinkedAssets().Matches(html).Select(m => m.Groups["url"].Value).Distinct().ToList();

        Assert.All([".css", ".js", ".svg"], type => Assert.Contains(assets, a => a.EndsWith(type, StringComparison.Ordinal)));
        Assert.Contains(assets, a => a.StartsWith("_framework/blazor.web.", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("lib/apexcharts/apexcharts.min.", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset, ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {response.StatusCode}");
            Assert.Equal(ContentTypeOf(asset), response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.ETag); // a revisit costs a 304, not the file
            Assert.True((await response.Content.ReadAsByteArrayAsync(ct)).Length > 0, asset);
        }
    }

    [Theory]
    [InlineData("/p/app")]
    [InlineData("/projects")]
    public async Task Page_ExceptionInside_ShowsTheFriendlyErrorPageWithoutDetails(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        BreakingTime.Broken.Value = true;

        var response = await Client().GetAsync(path, ct);
        BreakingTime.Broken.Value = false;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("data-testid=\"error-page\"", html);
        Assert.Matches("data-testid=\"error-reference\">[^<]+<", html); // a reference to quote, not the failure
        Assert.DoesNotContain(BreakingTime.Message, html);
        Assert.DoesNotContain(nameof(TimeoutException), html);
        Assert.DoesNotContain("Stack", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("An unhandled exception occurred", html); // the developer exception page's heading
        Assert.False(response.Headers.CacheControl?.Public ?? false);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/p/app")]
    [InlineData("/api/v1/projects")]
    public async Task Https_EveryResponse_CarriesHstsAndTheSecurityHeaders(string path)
    {
        var response = await Client().GetAsync(path, TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ErrorPage_AfterAnException_KeepsTheSecurityHeaders()
    {
        BreakingTime.Broken.Value = true;

        var response = await Client().GetAsync("/p/app", TestContext.Current.CancellationToken);
        BreakingTime.Broken.Value = false;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Http_Request_IsRedirectedToHttpsWithoutHsts()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://crowdsite.example/"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/p/app?tab=ledger", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri("https://crowdsite.example/p/app?tab=ledger"), response.Headers.Location);
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // HSTS is only ever sent over HTTPS
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    private HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Https, AllowAutoRedirect = false });

    private static string ContentTypeOf(string asset) => Path.GetExtension(asset) switch
    {
        ".css" => "text/css",
        ".js" => "text/javascript",
        ".svg" => "image/svg+xml",
        var other => throw new InvalidOperationException($"No expected type for {other} ({asset})."),
    };

    /// <summary>The stylesheets, icon and scripts in the page's head: relative URLs under the page's base href.</summary>
    [GeneratedRegex("""<(?:link|script)\b[^>]*\b(?:href|src)="(?<url>(?!https?:|/|#)[^"?]+)"[^>]*>""")]
    private static partial Regex LinkedAssets();
}
