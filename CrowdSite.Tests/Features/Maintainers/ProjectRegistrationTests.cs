using System.Security.Claims;
using System.Text.Json.Nodes;
using CrowdSite.Data;
using CrowdSite.Features.Maintainers;
using CrowdSite.Features.SignIn;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrowdSite.Tests.Features.Maintainers;

/// <summary>Registration through Octokit against a WireMock fake of GitHub (Enterprise paths for a non-github.com host).</summary>
public sealed class ProjectRegistrationTests : IAsyncLifetime
{
    private readonly ClaimsPrincipal Octocat = new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, "583231"), new Claim(ClaimTypes.Name, "octocat"), new Claim(SignInFeature.GitHubTokenClaim, "gho_user"),
    ], "test"));

    private readonly WireMockServer _github = WireMockServer.Start();
    private readonly CrowdSiteFactory _factory;

    public ProjectRegistrationTests() =>
        _factory = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string> { ["GitHub:ApiBase"] = _github.Url! });

    public async ValueTask InitializeAsync() => await _factory.SignInAsync(Octocat);

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _github.Stop();
    }

    private ProjectRegistration Registration => _factory.Services.GetRequiredService<ProjectRegistration>();

    private void Repository(string fullName, bool isPrivate = false, bool archived = false, bool admin = true, bool maintain = false, int status = 200)
    {
        var body = new JsonObject
        {
            ["id"] = Math.Abs(fullName.GetHashCode()),
            ["name"] = fullName.Split('/')[1],
            ["full_name"] = fullName,
            ["private"] = isPrivate,
            ["archived"] = archived,
            ["description"] = "A fine app",
            ["homepage"] = "https://app.example.org",
            ["html_url"] = $"https://github.com/{fullName}",
            ["url"] = $"https://api.github.com/repos/{fullName}",
            ["owner"] = new JsonObject { ["login"] = fullName.Split('/')[0], ["id"] = 1 },
            ["permissions"] = new JsonObject { ["admin"] = admin, ["maintain"] = maintain, ["push"] = admin, ["triage"] = admin, ["pull"] = true },
        };
        _github.Given(Request.Create().WithPath($"/api/v3/repos/{fullName}").UsingGet().WithHeader("Authorization", "Token gho_user"))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
                .WithBody(status == 200 ? body.ToJsonString() : """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"""));
    }

    [Fact]
    public async Task Register_PublicRepositoryYouAdminister_CreatesTheProjectWithYouAsMaintainer()
    {
        Repository("octo-org/Octo.App");

        var result = await Registration.RegisterAsync(Octocat, "octo-org/Octo.App");

        Assert.Null(result.Refusal);
        Assert.Equal("octo-app", result.Project!.Slug);
        Assert.Equal("A fine app", result.Project.Tagline);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.True(await db.ProjectMaintainers.AnyAsync(m => m.ProjectId == result.Project.Id && m.GitHubUserId == "583231"));
        Assert.Equal(0, (await _factory.Services.GetRequiredService<CrowdSite.Features.Ledger.FiguresService>().TotalsAsync(result.Project.Id)).Donated);
        var again = await Registration.RegisterAsync(Octocat, "octo-org/Octo.App");
        Assert.Contains("already a project", again.Refusal);
    }

    [Fact]
    public async Task Register_WithAnAddressGitHubVerified_FollowsTheProjectsRunwayAlertsAlready()
    {
        var withEmail = new ClaimsPrincipal(new ClaimsIdentity([.. Octocat.Claims, new Claim(ClaimTypes.Email, "octo@example.org")], "test"));
        await _factory.SignInAsync(withEmail);
        Repository("octo-org/alerted");

        var result = await Registration.RegisterAsync(withEmail, "octo-org/alerted");

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var follower = await db.Followers.SingleAsync(f => f.ProjectId == result.Project!.Id);
        Assert.Equal("octo@example.org", follower.Email);
        Assert.True(follower.RunwayAlerts);
        Assert.False(follower.UpdateAlerts);
        Assert.NotNull(follower.ConfirmedAt);
    }

    [Fact]
    public async Task Register_WithoutAVerifiedAddress_FollowsNothing()
    {
        Repository("octo-org/quiet");

        var result = await Registration.RegisterAsync(Octocat, "octo-org/quiet");

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Followers.AnyAsync(f => f.ProjectId == result.Project!.Id));
    }

    [Fact]
    public async Task Register_MaintainPermission_IsEnough()
    {
        Repository("octo-org/kept", admin: false, maintain: true);

        Assert.Null((await Registration.RegisterAsync(Octocat, "octo-org/kept")).Refusal);
    }

    [Theory]
    [InlineData("octo-org/secret", true, false, true, 200, "private")]
    [InlineData("octo-org/old", false, true, true, 200, "archived")]
    [InlineData("octo-org/theirs", false, false, false, 200, "admin or maintain permission")]
    [InlineData("octo-org/gone", false, false, true, 404, "no repository")]
    public async Task Register_RefusedRepository_SaysWhyAndCreatesNothing(string name, bool isPrivate, bool archived, bool admin, int status, string why)
    {
        Repository(name, isPrivate, archived, admin, status: status);

        var result = await Registration.RegisterAsync(Octocat, name);

        Assert.Null(result.Project);
        Assert.Contains(why, result.Refusal);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Projects.CountAsync());
    }

    [Fact]
    public async Task Register_WithoutAGitHubToken_ExplainsThatGitHubSignInIsNeeded()
    {
        var developer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "900000002")], "dev"));
        await _factory.SignInAsync(developer);

        var result = await Registration.RegisterAsync(developer, "octo-org/app");

        Assert.Contains("sign in with GitHub", result.Refusal);
    }
}
