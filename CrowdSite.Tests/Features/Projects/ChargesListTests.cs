using Bunit;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Features.Projects;

public sealed class ChargesListTests : ComponentTestContext
{
    private static ChargeRow Row(char fill, bool verified, bool failed) => new(
        1, new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc), "compute", 12.5,
        "vCPU-hours", 150, "USD", new string(fill, 40), $"https://github.com/octo/app/commit/{new string(fill, 40)}",
        "Fix the cache\n\nLong explanation", verified, failed);

    [Fact]
    public void Render_Charge_LinksTheShortShaToTheCommitAndShowsItsFirstLine()
    {
        var cut = Render<ChargesList>(p => p.Add(c => c.Charges, [Row('a', verified: true, failed: false)]));

        var link = cut.Find("[data-testid='commit-link']");
        Assert.Equal("aaaaaaa", link.TextContent);
        Assert.Equal($"https://github.com/octo/app/commit/{new string('a', 40)}", link.GetAttribute("href"));
        Assert.Contains("Fix the cache", cut.Find("[data-testid='charge-row']").TextContent);
        Assert.DoesNotContain("Long explanation", cut.Find("[data-testid='charge-row']").TextContent);
        Assert.Contains("12.5 vCPU-hours", cut.Markup);
        Assert.Contains("$1.50", cut.Markup);
    }

    [Fact]
    public void Render_VerificationStates_ShowMarkOrWarning()
    {
        var cut = Render<ChargesList>(p => p.Add(c => c.Charges,
            [Row('a', verified: true, failed: false), Row('b', verified: false, failed: false), Row('c', verified: false, failed: true)]));

        Assert.Single(cut.FindAll("[data-testid='commit-verified']"));
        Assert.Single(cut.FindAll("[data-testid='commit-unverified']"));
        Assert.Single(cut.FindAll("[data-testid='commit-failed']"));
    }
}
