using System.Net;
using System.Xml.Linq;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Features.Projects;

public sealed class FundingBadgeTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void Render_Critical_IsValidSvgWithHealthCoverageAndRed()
    {
        var svg = FundingBadge.Render(Funding.Compute("USD", 100, 3_000, 1_560, Today));

        var doc = XDocument.Parse(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.Contains("critical · 52%", doc.Root.Value);
        Assert.Contains("#dc2626", svg);
    }

    [Fact]
    public void Render_NoCosts_ShowsHealthWithoutPercentage()
    {
        var svg = FundingBadge.Render(Funding.Compute("USD", 0, 0, 0, Today));

        Assert.Contains(">healthy<", svg);
    }
}

public sealed class FundingBadgeEndpointTests(SeededSite site) : IClassFixture<SeededSite>
{
    [Fact]
    public async Task Get_Badge_IsCacheableSvg()
    {
        var client = site.Factory.CreateClient();

        var response = await client.GetAsync("/p/lobsters/badge.svg", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.Contains("critical", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/p/lobsters/badge.svg");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Get_BadgeOfUnknownProject_Is404()
    {
        var response = await site.Factory.CreateClient().GetAsync("/p/nope/badge.svg", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
