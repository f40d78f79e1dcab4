using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CrowdSite.Data;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Infrastructure.GitHub;

/// <summary>GitHub's webhook deliveries, built from octokit/webhooks' published payload examples.</summary>
public sealed class GitHubWebhookTests : IAsyncLifetime
{
    private const string Secret = "github-webhook-secret";
    private const string Repository = "Codertocat/Hello-World";
    private readonly CrowdSiteFactory _factory = new(seedDemo: false, settings: new Dictionary<string, string> { ["GitHub:WebhookSecret"] = Secret });

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "hello", Name = "Hello", Repository = Repository, Currency = "USD" });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private Task<HttpResponseMessage> DeliverAsync(string eventName, JsonObject payload, string delivery, string? secret = Secret, bool asForm = false) =>
        DeliverRawAsync(eventName, asForm ? "payload=" + Uri.EscapeDataString(payload.ToJsonString()) : payload.ToJsonString(), delivery, secret,
            asForm ? "application/x-www-form-urlencoded" : "application/json");

    private Task<HttpResponseMessage> DeliverRawAsync(string eventName, string body, string delivery, string? secret = Secret, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        if (secret is not null)
        {
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body));
            request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(mac));
        }

        return _factory.CreateClient().SendAsync(request);
    }

    private async Task<(int Commits, int Deployments)> CountsAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        return (await db.Commits.CountAsync(), await db.Deployments.CountAsync());
    }

    [Fact]
    public async Task Push_ToTheDeployBranch_RecordsItsCommitsUnverified()
    {
        var response = await DeliverAsync("push", Fixtures.GitHub("push-with-new-branch"), "d-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var commit = await db.Commits.SingleAsync();
        Assert.Equal("6113728f27ae82c7b1a177c8d03f9e96e0adf246", commit.Sha);
        Assert.Equal(Repository, commit.Repository);
        Assert.Null(commit.VerifiedAt);
    }

    [Fact]
    public async Task DeploymentStatusSuccess_RecordsADeploymentOnce()
    {
        var payload = Fixtures.GitHub("deployment_status");

        await DeliverAsync("deployment_status", payload, "d-2");
        await DeliverAsync("deployment_status", payload, "d-2");
        await DeliverAsync("deployment_status", payload, "d-3");

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var deployment = await db.Deployments.Include(d => d.Commit).SingleAsync();
        Assert.Equal("f95f852bd8fca8fcc58a9a2d6c842781e32a215e", deployment.Commit!.Sha);
        Assert.Equal(new DateTime(2019, 5, 15, 15, 20, 55, DateTimeKind.Utc), deployment.StartedAt);
    }

    [Fact]
    public async Task ForgedOrMissingSignature_Is401AndWritesNothing()
    {
        var forged = await DeliverAsync("push", Fixtures.GitHub("push-with-new-branch"), "d-4", secret: "not-the-secret");
        var missing = await DeliverAsync("push", Fixtures.GitHub("push-with-new-branch"), "d-5", secret: null);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Ping_IsAcceptedAndChangesNothing()
    {
        var response = await DeliverAsync("ping", Fixtures.GitHub("ping"), "d-6");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task FormEncodedPush_IsReadLikeJson()
    {
        var response = await DeliverAsync("push", Fixtures.GitHub("push-with-new-branch"), "d-form", asForm: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 0), await CountsAsync());
    }

    [Theory]
    [InlineData("release", "published")]
    [InlineData("installation", "created")]
    [InlineData("deployment_status", "updated")] // an action of a known event that this site does not act on
    [InlineData("star", "created")]
    public async Task EventsNotUsedHere_AreAnsweredIgnored(string eventName, string action)
    {
        var payload = Fixtures.GitHub("ping");
        payload["action"] = action;

        var response = await DeliverAsync(eventName, payload, $"d-{eventName}-{action}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ignored\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Theory]
    [InlineData("push", "not json")]
    [InlineData("push", "[1, 2]")]
    [InlineData("push", """{"ref": 5, "commits": "nope", "repository": []}""")]
    [InlineData("deployment_status", """{"action": "created", "deployment": 7}""")]
    public async Task SignedBodyOfTheWrongShape_Is400ProblemDetails(string eventName, string body)
    {
        var response = await DeliverRawAsync(eventName, body, $"d-bad-{eventName}-{body.Length}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PushAndDeploymentOfTheSameNewCommit_AtOnce_BothRecorded()
    {
        for (var round = 0; round < 20; round++)
        {
            var sha = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            var push = Fixtures.GitHub("push-with-new-branch");
            push["commits"]![0]!["id"] = sha;
            var status = Fixtures.GitHub("deployment_status");
            status["deployment"]!["sha"] = sha;

            var responses = await Task.WhenAll(DeliverAsync("push", push, $"race-p-{round}"), DeliverAsync("deployment_status", status, $"race-d-{round}"));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(20, await db.Commits.CountAsync());
        Assert.Equal(20, await db.Deployments.CountAsync());
    }
}
