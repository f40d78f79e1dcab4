using Bunit;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Projects;

/// <summary>The discover page's state is its URL: the query string fills the GET form, filters the cards and follows every page link.</summary>
public sealed class DiscoverPageTests : SiteComponentTestContext, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public DiscoverPageTests() => SetRendererInfo(new RendererInfo("Static", isInteractive: false));

    public async ValueTask InitializeAsync()
    {
        var created = TestDatabase.Now.UtcDateTime;
        await using var db = await Site.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        for (var i = 1; i <= 13; i++)
        {
            db.Projects.Add(new Project { Slug = $"tool-{i}", Name = $"Tool {i}", Repository = $"octo/tool-{i}", Currency = "USD", Category = "Tools", CreatedAt = created.AddDays(-i) });
        }

        var chat = new Project { Slug = "chat", Name = "Chat", Repository = "octo/chat", Currency = "USD", Category = "Social", CreatedAt = created };
        db.Projects.AddRange(chat, new Project { Slug = "photos", Name = "Photos", Repository = "octo/photos", Currency = "USD", Category = "Media", Status = ProjectStatus.FreeTier, CreatedAt = created });
        await db.SaveChangesAsync();
        await Site.Services.GetRequiredService<LedgerService>().PostAsync(Ledgers.Charge(chat.Id, 5_000, "chat-1"));
    }

    [Fact]
    public void Render_FiltersInTheUrl_FillTheFormAndFilterTheCards()
    {
        var cut = RenderAt("/projects?q=cha&category=Social&health=critical&status=active&sort=cost");

        Assert.Equal("cha", cut.Find("[data-testid='search']").GetAttribute("value"));
        Assert.Equal(["All", "Media (1)", "Social (1)", "Tools (13)"], cut.FindAll("[data-testid='category'] option").Select(o => o.TextContent));
        Assert.Equal("Social", Selected(cut, "category"));
        Assert.Equal("critical", Selected(cut, "health-filter"));
        Assert.Equal("active", Selected(cut, "status-filter"));
        Assert.Equal("cost", Selected(cut, "sort"));
        Assert.Equal("1 project", cut.Find("[data-testid='result-count']").TextContent);
        Assert.Equal(["Chat"], Cards(cut));
    }

    [Fact]
    public void Render_HandEditedValues_MatchWhatTheyCanAndIgnoreTheRest()
    {
        var cut = RenderAt("/projects?health=CRITICAL&status=sleeping&sort=sideways&category=");

        Assert.Equal("critical", Selected(cut, "health-filter"));
        Assert.Equal("", Selected(cut, "status-filter"));
        Assert.Equal("", Selected(cut, "sort"));
        Assert.Equal("", Selected(cut, "category"));
        Assert.Equal(["Chat"], Cards(cut)); // health applied; the unknown status filters nothing
    }

    [Fact]
    public void Render_SecondPage_LinksKeepTheFiltersAndLeaveOutBlankOnesAndPageOne()
    {
        var cut = RenderAt("/projects?q=+&category=Tools&sort=newest&page=2");

        Assert.Equal("13 projects", cut.Find("[data-testid='result-count']").TextContent);
        Assert.Equal(["Tool 13"], Cards(cut)); // newest first: the oldest is alone on page two
        var links = cut.FindAll("[data-testid='pager'] a");
        Assert.Equal(["Previous", "1", "2"], links.Select(a => a.TextContent));
        Assert.Equal(["/projects?category=Tools&sort=newest", "/projects?category=Tools&sort=newest", "/projects?category=Tools&sort=newest&page=2"],
            links.Select(a => a.GetAttribute("href")));
        Assert.Equal("page", links[2].GetAttribute("aria-current"));
        Assert.Null(links[1].GetAttribute("aria-current"));
    }

    [Fact]
    public void Render_FirstPage_OffersTheNextPage()
    {
        var cut = RenderAt("/projects?status=active");

        Assert.Equal(12, Cards(cut).Count);
        Assert.Equal("/projects?status=active&page=2", cut.Find("[data-testid='pager'] a[rel='next']").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid='pager'] a[rel='prev']"));
    }

    [Fact]
    public void Render_NothingMatches_SaysSoAndKeepsTheSearchInTheForm()
    {
        var cut = RenderAt("/projects?q=zebra&status=paused");

        cut.WaitForElement("[data-testid='no-results']", Patience);
        Assert.Equal("zebra", cut.Find("[data-testid='search']").GetAttribute("value"));
        Assert.Equal("paused", Selected(cut, "status-filter"));
        Assert.Empty(cut.FindAll("[data-testid='result-count']"));
    }

    private IRenderedComponent<DiscoverPage> RenderAt(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        var cut = Render<DiscoverPage>();
        cut.WaitForState(() => cut.FindAll("[data-testid='result-count'], [data-testid='no-results']").Count > 0, Patience);
        return cut;
    }

    /// <summary>The option a browser shows: the selected one, else the first (the default, "").</summary>
    private static string? Selected(IRenderedComponent<DiscoverPage> cut, string testId)
    {
        var options = cut.FindAll($"[data-testid='{testId}'] option");
        return Assert.Single(options.Where(o => o.HasAttribute("selected")).DefaultIfEmpty(options[0])).GetAttribute("value");
    }

    private static List<string> Cards(IRenderedComponent<DiscoverPage> cut) =>
        cut.FindAll("[data-testid='project-link']").Select(a => a.TextContent.Trim()).ToList();
}
