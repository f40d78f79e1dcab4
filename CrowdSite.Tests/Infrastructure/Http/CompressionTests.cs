using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Infrastructure.Http;

/// <summary>Issue 16's weight: static files precompressed, pages compressed when they hold no secret, live streams never.</summary>
public sealed class CompressionTests(SeededSite site) : IClassFixture<SeededSite>
{
    private static readonly string[] CompressedEncodings = ["br", "gzip"];

    [Fact]
    public async Task StaticAssets_OfTheProjectPage_AreServedCompressed()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = site.Factory.CreateClient();
        var html = await client.GetStringAsync("/p/takahe", ct);
        var assets = Regex.Matches(html, "(?:href|src)=\"([^\"]+\\.(?:css|js))\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(assets, a => a.StartsWith("lib/mudblazor/MudBlazor.min.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            using var response = await client.SendAsync(AcceptingCompression("/" + asset), ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Content.Headers.ContentEncoding.Count == 1, $"{asset} went out uncompressed");
            Assert.Contains(response.Content.Headers.ContentEncoding.Single(), CompressedEncodings);
        }
    }

    [Theory]
    [InlineData("/p/takahe")]
    [InlineData("/p/takahe/ledger")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/projects")]
    public async Task AnonymousPagesAndApi_AreCompressed(string path)
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await site.Factory.CreateClient().SendAsync(AcceptingCompression(path), ct);

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task SignedInPages_AreNotCompressed()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = site.Factory.CreateClient();
        (await client.GetAsync("/signin/dev?as=demo-donor&returnUrl=/", ct)).EnsureSuccessStatusCode();

        using var response = await client.SendAsync(AcceptingCompression("/p/takahe"), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding); // BREACH: the page holds the sign-out form's token
    }

    [Fact]
    public async Task PagesWithAFormToken_AreNotCompressed()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = site.Factory.CreateClient();
        var start = await client.PostAsJsonAsync("/api/v1/projects/takahe/donations", new { amount = 1000, currency = "USD" }, ct);
        start.EnsureSuccessStatusCode();
        var checkoutUrl = (await start.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("checkoutUrl").GetString()!;

        using var response = await client.SendAsync(AcceptingCompression(new Uri(checkoutUrl).PathAndQuery), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync(ct));
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task LiveStream_IsNeverCompressed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);

        using var response = await site.Factory.CreateClient().SendAsync(AcceptingCompression("/p/takahe/live"), HttpCompletionOption.ResponseHeadersRead, cancel.Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        await cancel.CancelAsync();
    }

    private static HttpRequestMessage AcceptingCompression(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        return request;
    }
}
