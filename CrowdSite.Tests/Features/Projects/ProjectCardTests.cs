using Bunit;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Features.Projects;

public sealed class ProjectCardTests : ComponentTestContext
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Theory]
    [InlineData(1_500, 1_166, "Costs covered ($11.66 a month)")]
    [InlineData(5_036, 10_756, "Needs $57.20 more a month")]
    [InlineData(0, 0, "No compute costs in the last 30 days")]
    public void Render_SaysTheShortfallInWords(long income, long cost, string text)
    {
        var project = new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD", Tagline = "An app", Category = "Tools" };

        var cut = Render<ProjectCard>(p => p.Add(c => c.Card, new ProjectCardModel(project, Funding.Compute("USD", 10_000, cost, income, Today), 3)));

        Assert.Equal(text, cut.Find("[data-testid='card-shortfall']").TextContent.Trim());
        Assert.DoesNotContain(" of $", cut.Markup);
    }
}
