using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Infrastructure.Http;

public sealed class SecurityHeadersTests(SeededSite site) : IClassFixture<SeededSite>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/p/takahe")]
    [InlineData("/api/v1/projects")]
    [InlineData("/p/takahe/badge.svg")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await site.Factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe", csp);
    }

    [Fact]
    public async Task Pages_AllowTheirOneInlineScript_TheImportMap_ByItsHash()
    {
        var response = await site.Factory.CreateClient().GetAsync("/p/takahe", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var inline = System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        var importMap = Assert.Single(inline);
        Assert.Contains("type=\"importmap\"", importMap.Value);
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(importMap.Groups[1].Value)));
        Assert.Contains($"script-src 'self' 'sha256-{hash}'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }
}
