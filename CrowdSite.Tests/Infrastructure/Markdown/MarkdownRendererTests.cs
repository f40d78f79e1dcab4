using CrowdSite.Infrastructure.Markdown;

namespace CrowdSite.Tests.Infrastructure.Markdown;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _markdown = new();

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("![x](data:image/png;base64,AAAA)", "data:")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    [InlineData("<p style=\"color:red\">x</p>", "<p style")]
    [InlineData("<svg><script>alert(1)</script></svg>", "<svg")]
    [InlineData("[x](JaVaScRiPt:alert(1))", "javascript:")]
    [InlineData("[x](vbscript:msgbox(1))", "vbscript:")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">x</a>", "<a href=\"#\" onclick")]
    [InlineData("<div onmouseover=alert(1)>x</div>", "<div")]
    public void ToSafeHtml_Dangerous_IsRemoved(string markdown, string forbidden)
    {
        Assert.DoesNotContain(forbidden, _markdown.ToSafeHtml(markdown), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToSafeHtml_OrdinaryMarkdown_IsKept()
    {
        var html = _markdown.ToSafeHtml("# Title\n\n**bold** and [a link](https://example.org)");

        Assert.Contains("<h1", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("href=\"https://example.org\"", html);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html);
    }
}
