using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Projects;

/// <summary>Home, discover and transparency: static HTML (no circuit per visitor), cached until money moves or a page changes.</summary>
public sealed class DirectoryPagesTests : IAsyncLifetime
{
    private const string ServerComponentMarker = "<!--Blazor:{\"type\":\"server\"";
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);
    private int _projectId;

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        for (var i = 1; i <= 13; i++)
        {
            db.Projects.Add(new Project { Slug = $"listed-{i}", Name = $"Listed {i}", Repository = $"octo/listed-{i}", Currency = "USD", Category = "Tools", CreatedAt = TestDatabase.Now.UtcDateTime });
        }

        await db.SaveChangesAsync();
        _projectId = (await db.Projects.FirstAsync(p => p.Slug == "listed-1")).Id;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ProjectPage_OnTheStandInPlatformRepository_LabelsItAsAStandIn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync(ct))
        {
            db.Projects.Add(new Project { Slug = "platform", Name = "Platform", Repository = CrowdSite.Features.Platform.PlatformOptions.StandInRepository, Currency = "USD", Category = "Tools", CreatedAt = TestDatabase.Now.UtcDateTime });
            await db.SaveChangesAsync(ct);
        }

        var client = _factory.CreateClient();
        var platform = await client.GetStringAsync("/p/platform", ct);
        var other = await client.GetStringAsync("/p/listed-1", ct);

        Assert.Contains("Stand-in repository: dotnet/eShop", platform);
        Assert.Contains("Platform:Repository", platform);
        Assert.DoesNotContain("Stand-in repository", other);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/projects?q=listed")]
    [InlineData("/transparency")]
    public async Task AnonymousViews_AreStaticAndCached_UntilMoneyMoves(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _factory.CreateClient();

        var first = await client.GetAsync(path, ct);
        var second = await client.GetAsync(path, ct);
        await _factory.Services.GetRequiredService<LedgerService>().PostAsync(Ledgers.Charge(_projectId, 12_345, "c1"), ct);
        var afterCharge = await client.GetAsync(path, ct);

        first.EnsureSuccessStatusCode();
        var html = await first.Content.ReadAsStringAsync(ct);
        Assert.DoesNotContain(ServerComponentMarker, html);
        Assert.False(first.Headers.Contains("Set-Cookie"), "a shared page must not hand out a visitor's cookie");
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Null(afterCharge.Headers.Age);
        Assert.DoesNotContain("$123.45", html);
        Assert.Contains("$123.45", await afterCharge.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task APageEdit_RendersTheListsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _factory.CreateClient();
        (await client.GetAsync("/projects", ct)).EnsureSuccessStatusCode();
        Assert.NotNull((await client.GetAsync("/projects", ct)).Headers.Age);

        _factory.Services.GetRequiredService<ProjectPageCache>().Invalidate();

        Assert.Null((await client.GetAsync("/projects", ct)).Headers.Age);
    }

    [Fact]
    public async Task Discover_IsAGetForm_WithPagesAsLinksThatKeepTheSearch()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _factory.CreateClient();

        var html = await client.GetStringAsync("/projects?q=listed&health=healthy", ct);
        var second = await client.GetStringAsync("/projects?q=listed&health=healthy&page=2", ct);

        Assert.Contains("<form method=\"get\" action=\"/projects\"", html);
        Assert.Contains("13 projects", html);
        Assert.Contains("href=\"/projects?q=listed&amp;health=healthy&amp;page=2\"", html);
        Assert.Contains("value=\"healthy\" selected", html);
        Assert.Contains("href=\"/projects?q=listed&amp;health=healthy\" rel=\"prev\"", second);
        Assert.Matches("aria-current=\"page\"[^>]*>2</a>", second);
    }

    [Theory]
    [InlineData("/projects")]
    [InlineData("/p/listed-1")]
    public async Task CoverageBars_SayWhatTheyShow_AndAreNotBusy(string path)
    {
        var html = await _factory.CreateClient().GetStringAsync(path, TestContext.Current.CancellationToken);

        // Rendered without a circuit, MudBlazor marks a bar busy (loading); a screen reader would wait for it.
        var bars = System.Text.RegularExpressions.Regex.Matches(html, "<div role=\"progressbar\"[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(bars);
        Assert.All(bars, bar =>
        {
            Assert.Contains("aria-busy=\"false\"", bar);
            Assert.DoesNotContain("aria-busy=\"true\"", bar);
            Assert.Contains("aria-label=\"No compute costs in the last 30 days\"", bar);
            Assert.Contains("aria-valuenow=\"100\"", bar);
        });
    }
}
