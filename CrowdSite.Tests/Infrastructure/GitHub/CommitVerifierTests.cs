using System.Globalization;
using System.Text.Json.Nodes;
using CrowdSite.Features.Projects;
using CrowdSite.Infrastructure.GitHub;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrowdSite.Tests.Infrastructure.GitHub;

/// <summary>Commit verification through Octokit against a WireMock fake of GitHub's API (Enterprise paths for a non-github.com host).</summary>
public sealed class CommitVerifierTests : IAsyncLifetime
{
    private readonly WireMockServer _github = WireMockServer.Start();
    private TestDatabase _database = null!;
    private CommitVerifier _verifier = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var options = Options.Create(new GitHubOptions { ApiBase = _github.Url!, Token = "ghp_test" });
        _verifier = new CommitVerifier(_database, new OctokitCommitLookup(options), _database.Time, options, new CrowdSite.Data.DatabaseLocks(_database), NullLogger<CommitVerifier>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        _github.Stop();
        await _database.DisposeAsync();
    }

    private async Task<Commit> DeployedCommitAsync(char fill)
    {
        var project = await _database.AddProjectAsync($"p{fill}", $"octo/app{fill}");
        var commit = await _database.AddCommitAsync($"octo/app{fill}", fill);
        await using var db = _database.CreateDbContext();
        db.Deployments.Add(new Deployment { ProjectId = project.Id, CommitId = commit.Id, StartedAt = TestDatabase.Now.UtcDateTime });
        await db.SaveChangesAsync();
        return commit;
    }

    private void Answer(Commit commit, int status, string body, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        _github.Given(Request.Create().WithPath($"/api/v3/repos/{commit.Repository}/commits/{commit.Sha}").UsingGet()).RespondWith(response);
    }

    private static string CommitJson(string sha, string message) => new JsonObject
    {
        ["sha"] = sha,
        ["url"] = $"https://api.github.com/repos/octo/app/commits/{sha}",
        ["commit"] = new JsonObject
        {
            ["message"] = message,
            ["author"] = new JsonObject { ["name"] = "Ada Lovelace", ["email"] = "ada@example.org", ["date"] = "2026-11-01T10:00:00Z" },
            ["committer"] = new JsonObject { ["name"] = "Ada Lovelace", ["email"] = "ada@example.org", ["date"] = "2026-11-01T10:00:00Z" },
        },
        ["parents"] = new JsonArray(),
    }.ToJsonString();

    private async Task<Commit> ReloadAsync(Commit commit)
    {
        await using var db = _database.CreateDbContext();
        return await db.Commits.SingleAsync(c => c.Id == commit.Id);
    }

    [Fact]
    public async Task Verify_CommitInThePublicRepository_IsVerifiedAndNeverFetchedAgain()
    {
        var commit = await DeployedCommitAsync('a');
        Answer(commit, 200, CommitJson(commit.Sha, "Fix the cache\n\nDetails"));

        var pass = await _verifier.VerifyPendingAsync();
        await _verifier.VerifyPendingAsync();

        Assert.Equal(1, pass.Verified);
        var stored = await ReloadAsync(commit);
        Assert.NotNull(stored.VerifiedAt);
        Assert.Equal("Fix the cache\n\nDetails", stored.Message);
        Assert.Equal("Ada Lovelace", stored.Author);
        Assert.Single(_github.LogEntries);
        Assert.Equal("Token ghp_test", _github.LogEntries.Single().RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task Verify_UnknownCommit_IsMarkedFailed()
    {
        var commit = await DeployedCommitAsync('b');
        Answer(commit, 404, """{"message":"No commit found for SHA","documentation_url":"https://docs.github.com/rest"}""");

        var pass = await _verifier.VerifyPendingAsync();

        Assert.Equal(1, pass.Missing);
        var stored = await ReloadAsync(commit);
        Assert.Null(stored.VerifiedAt);
        Assert.NotNull(stored.VerificationFailedAt);
    }

    [Fact]
    public async Task Verify_RateLimitSpent_PausesUntilTheResetWithoutMarking()
    {
        var commit = await DeployedCommitAsync('c');
        var reset = TestDatabase.Now.AddMinutes(20);
        Answer(commit, 403, """{"message":"API rate limit exceeded for user.","documentation_url":"https://docs.github.com/rest"}""",
            ("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));

        var pass = await _verifier.VerifyPendingAsync();

        Assert.Equal(reset, pass.PausedUntil);
        var stored = await ReloadAsync(commit);
        Assert.Null(stored.VerifiedAt);
        Assert.Null(stored.VerificationFailedAt);
    }

    [Fact]
    public async Task Verify_AfterTheRateLimitResets_Succeeds()
    {
        var commit = await DeployedCommitAsync('e');
        var reset = TestDatabase.Now.AddMinutes(20);
        _github.Given(Request.Create().WithPath($"/api/v3/repos/{commit.Repository}/commits/{commit.Sha}").UsingGet())
            .InScenario("limit").WillSetStateTo("reset")
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json")
                .WithHeader("X-RateLimit-Remaining", "0").WithHeader("X-RateLimit-Limit", "60").WithHeader("X-RateLimit-Reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
                .WithBody("""{"message":"API rate limit exceeded","documentation_url":"https://docs.github.com/rest"}"""));
        _github.Given(Request.Create().WithPath($"/api/v3/repos/{commit.Repository}/commits/{commit.Sha}").UsingGet())
            .InScenario("limit").WhenStateIs("reset")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(CommitJson(commit.Sha, "After the wait")));

        var limited = await _verifier.VerifyPendingAsync();
        _database.Time.SetUtcNow(limited.PausedUntil!.Value);
        var resumed = await _verifier.VerifyPendingAsync();

        Assert.Equal(reset, limited.PausedUntil);
        Assert.Equal(1, resumed.Verified);
        Assert.Equal("After the wait", (await ReloadAsync(commit)).Message);
    }

    [Fact]
    public async Task Verify_ServerError_RetriesLaterWithBackoff()
    {
        var commit = await DeployedCommitAsync('d');
        Answer(commit, 502, """{"message":"Server Error"}""");

        var first = await _verifier.VerifyPendingAsync();
        var immediately = await _verifier.VerifyPendingAsync();
        _database.Time.Advance(TimeSpan.FromSeconds(31));
        var later = await _verifier.VerifyPendingAsync();

        Assert.Equal(1, first.Retrying);
        Assert.Equal(0, immediately.Retrying);
        Assert.Equal(1, later.Retrying);
        Assert.Null((await ReloadAsync(commit)).VerificationFailedAt);
    }
}
