using CrowdSite.Data;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Projects;

public sealed class ProjectSearchTests : IAsyncLifetime
{
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.AddRange(
            new Project { Slug = "plain", Name = "Plain chat", Tagline = "Talk", Repository = "octo/plain", Currency = "USD" },
            new Project { Slug = "percent", Name = "100% uptime", Tagline = "snake_case tools", Repository = "octo/percent", Currency = "USD" });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("%", "percent")] // a letter to look for, not "anything"
    [InlineData("_", "percent")]
    [InlineData("100%", "percent")]
    [InlineData("chat", "plain")]
    public async Task Search_TypedWildcards_AreLiteral(string text, string only)
    {
        var found = await _factory.Services.GetRequiredService<ProjectSearch>().SearchAsync(new ProjectQuery(Text: text), TestContext.Current.CancellationToken);

        Assert.Equal([only], found.Items.Select(i => i.Project.Slug));
    }
}
