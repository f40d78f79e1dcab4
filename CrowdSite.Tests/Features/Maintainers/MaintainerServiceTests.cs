using System.Net;
using System.Security.Claims;
using System.Xml.Linq;
using CrowdSite.Data;
using CrowdSite.Features.Maintainers;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Maintainers;

public sealed class MaintainerServiceTests : IAsyncLifetime
{
    private readonly ClaimsPrincipal MaintainerOfA = Person("111", "Ann");
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);

    private MaintainerService Maintainers => _factory.Services.GetRequiredService<MaintainerService>();

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var a = new Project { Slug = "a", Name = "A", Repository = "octo/a", Currency = "USD", Description = "Original" };
        var b = new Project { Slug = "b", Name = "B", Repository = "octo/b", Currency = "USD", Description = "Original" };
        db.Projects.AddRange(a, b);
        await db.SaveChangesAsync();
        db.ProjectMaintainers.Add(new ProjectMaintainer { ProjectId = a.Id, GitHubUserId = "111" });
        await db.SaveChangesAsync();
        await _factory.SignInAsync(MaintainerOfA);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static ClaimsPrincipal Person(string id, string name) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name.ToLowerInvariant()), new Claim("urn:github:name", name)], "test"));

    private async Task<Project> ProjectAsync(string slug) => (await _factory.Services.GetRequiredService<ProjectDirectory>().FindAsync(slug))!;

    private static ProjectEdit Edit(string description, string? website = null) => new("New tagline", "Tools", description, website, null);

    [Fact]
    public async Task Edit_AfterTheSessionEnded_IsForbidden_ThoughThePrincipalStillNamesAMaintainer()
    {
        var a = await ProjectAsync("a");
        await _factory.Services.GetRequiredService<CrowdSite.Features.SignIn.SignInSessions>().EndAsync(MaintainerOfA);

        var result = await Maintainers.EditAsync("a", MaintainerOfA, Edit("after sign-out"), a.ConcurrencyStamp);

        Assert.Equal(EditOutcome.Forbidden, result.Outcome);
        Assert.Equal("Original", (await ProjectAsync("a")).Description);
    }

    [Fact]
    public async Task Edit_ByItsMaintainer_Saves()
    {
        var a = await ProjectAsync("a");

        var result = await Maintainers.EditAsync("a", MaintainerOfA, Edit("**Now** better"), a.ConcurrencyStamp);

        Assert.Equal(EditOutcome.Saved, result.Outcome);
        Assert.Equal("**Now** better", (await ProjectAsync("a")).Description);
    }

    [Fact]
    public async Task Edit_AnotherProjectOrAnonymous_IsForbiddenAndChangesNothing()
    {
        var b = await ProjectAsync("b");

        var other = await Maintainers.EditAsync("b", MaintainerOfA, Edit("hijacked"), b.ConcurrencyStamp);
        var anonymous = await Maintainers.EditAsync("b", new ClaimsPrincipal(new ClaimsIdentity()), Edit("hijacked"), b.ConcurrencyStamp);
        var update = await Maintainers.PostUpdateAsync("b", MaintainerOfA, "Hi", "Hello");

        Assert.Equal(EditOutcome.Forbidden, other.Outcome);
        Assert.Equal(EditOutcome.Forbidden, anonymous.Outcome);
        Assert.Equal(EditOutcome.Forbidden, update.Outcome);
        Assert.Equal("Original", (await ProjectAsync("b")).Description);
        Assert.Empty(await Maintainers.UpdatesAsync(b.Id));
    }

    [Fact]
    public async Task Edit_TwoMaintainersFromTheSameVersion_TheSecondGetsAConflict()
    {
        var stamp = (await ProjectAsync("a")).ConcurrencyStamp;

        var first = await Maintainers.EditAsync("a", MaintainerOfA, Edit("first"), stamp);
        var second = await Maintainers.EditAsync("a", MaintainerOfA, Edit("second"), stamp);

        Assert.Equal(EditOutcome.Saved, first.Outcome);
        Assert.Equal(EditOutcome.Conflict, second.Outcome);
        Assert.Equal("first", (await ProjectAsync("a")).Description);
    }

    [Fact]
    public async Task Edit_JavascriptWebsite_IsInvalid()
    {
        var a = await ProjectAsync("a");

        var result = await Maintainers.EditAsync("a", MaintainerOfA, Edit("x", website: "javascript:alert(1)"), a.ConcurrencyStamp);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains("websiteUrl", result.Errors!.Keys);
    }

    [Fact]
    public async Task Update_Posted_AppearsInTheAtomFeedSanitized()
    {
        await Maintainers.PostUpdateAsync("a", MaintainerOfA, "We moved", "Read [this](javascript:alert(1)) <script>alert(2)</script> **now**");

        var response = await _factory.CreateClient().GetAsync("/p/a/updates.atom", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = Assert.Single(feed.Root!.Elements(atom + "entry"));
        Assert.Equal("We moved", entry.Element(atom + "title")!.Value);
        Assert.Equal("Ann", entry.Element(atom + "author")!.Element(atom + "name")!.Value);
        var html = entry.Element(atom + "content")!.Value;
        Assert.Contains("<strong>now</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
    }

    [Fact]
    public async Task EditPage_ForSomeoneElse_SaysOnlyMaintainersCanEdit()
    {
        var client = _factory.CreateClient();
        await client.GetAsync("/signin/dev?as=demo-donor", TestContext.Current.CancellationToken);

        var html = await client.GetStringAsync("/p/a/edit", TestContext.Current.CancellationToken);

        Assert.Contains("Only this project&#x27;s maintainers can edit its page.", html);
    }
}
