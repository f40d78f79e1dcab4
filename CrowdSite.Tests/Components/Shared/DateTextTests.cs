using System.Globalization;
using Bunit;
using CrowdSite.Components.Shared;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Components.Shared;

public sealed class DateTextTests : ComponentTestContext
{
    private static readonly DateTime At = new(2026, 12, 5, 14, 3, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    [InlineData("th-TH")]
    [InlineData("ar-SA")]
    public void Render_AnyCulture_WritesEnglishGregorianUtc(string culture)
    {
        using var _ = new CultureScope(culture);

        var day = Render<DateText>(p => p.Add(d => d.Instant, At));
        var minute = Render<DateText>(p => p.Add(d => d.Instant, At).Add(d => d.Style, DateStyle.Minute));
        var month = Render<DateText>(p => p.Add(d => d.Date, new DateOnly(2026, 12, 1)).Add(d => d.Style, DateStyle.Month));

        day.MarkupMatches("""<time datetime="2026-12-05">Dec 5, 2026</time>""");
        minute.MarkupMatches("""<time datetime="2026-12-05T14:03Z">Dec 5, 2026 14:03 UTC</time>""");
        month.MarkupMatches("""<time datetime="2026-12">December 2026</time>""");
    }

    [Fact]
    public void Format_InTheBuddhistCalendarCulture_StillWritesTheGregorianYear()
    {
        using var _ = new CultureScope("th-TH");

        Assert.Equal("2569", At.ToString("yyyy", CultureInfo.CurrentCulture)); // the culture would write another year
        Assert.Equal("Dec 5, 2026", DateText.Format(At));
        Assert.Equal("December 2026", DateText.Format(DateOnly.FromDateTime(At), DateStyle.Month));
    }
}
