using System.Net;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Components.Pages;

public sealed class NotFoundPageTests(SeededSite site) : IClassFixture<SeededSite>
{
    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/p/no-such-project")]
    [InlineData("/deeply/nested/nothing")]
    public async Task Get_UnknownAddress_Answers404WithTheSitesNotFoundPage(string path)
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await site.Factory.CreateClient().GetAsync(path, ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("data-testid=\"not-found\"", html);
        Assert.Contains("<main id=\"main\"", html);
    }

    [Fact]
    public async Task Get_UnknownApiAddress_StillAnswersProblemDetails()
    {
        var response = await site.Factory.CreateClient().GetAsync("/api/v1/no-such-thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
