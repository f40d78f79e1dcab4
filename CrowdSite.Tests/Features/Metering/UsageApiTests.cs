using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Metering;

public sealed class UsageApiTests : IAsyncLifetime
{
    private const string Key = "cs_test_platform_key";
    private static readonly string Sha = new('a', 40);
    private static readonly string OtherSha = new('b', 40);
    private readonly CrowdSiteFactory _factory = new(seedDemo: false, settings: new Dictionary<string, string>
    {
        ["Metering:ApiKeyHashes:0"] = ApiKey.HashOf(Key),
        ["Metering:RequestsPerMinute"] = "1000",
    });

    private int _projectId;

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var project = new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" };
        db.Projects.Add(project);
        db.Commits.AddRange(new Commit { Repository = "octo/app", Sha = Sha }, new Commit { Repository = "other/repo", Sha = OtherSha });
        await db.SaveChangesAsync();
        _projectId = project.Id;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static object Charge(string id, long amount = 250, string project = "app", string? sha = null, string resource = "compute",
        double? quantity = 12.5, string currency = "USD", string start = "2026-11-25T00:00:00Z", string end = "2026-11-26T00:00:00Z") =>
        new { id, project, commitSha = sha ?? Sha, resource, quantity, unit = "vCPU-hours", amount, currency, periodStart = start, periodEnd = end };

    private Task<HttpResponseMessage> PostAsync(object body, string? key = Key, string path = "/api/v1/usage")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return _factory.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task ConcurrentBatches_ReusingIdsWithOtherContent_OneIsRecordedTheOtherGets409()
    {
        for (var round = 0; round < 10; round++)
        {
            var ids = Enumerable.Range(0, 50).Select(i => $"race-{round}-{i}").ToList();
            var responses = await Task.WhenAll(
                PostAsync(new { charges = ids.Select(id => Charge(id, 100)).ToArray() }),
                PostAsync(new { charges = ids.Select(id => Charge(id, 999)).ToArray() }));

            // The content check runs under the write lock: the loser is told of the conflict, never "duplicate".
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        }

        var books = await _factory.Services.GetRequiredService<BooksService>().ReconcileAsync("USD");
        Assert.True(books.Balanced);
    }

    [Fact]
    public async Task Post_ValidBatch_RecordsEachChargeAsALedgerTransactionTiedToItsCommit()
    {
        var response = await PostAsync(new { charges = new[] { Charge("u1", 250), Charge("u2", 100, resource: "memory") } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(2, body.GetProperty("recorded").GetInt32());
        var figures = await _factory.Services.GetRequiredService<FiguresService>().ForProjectAsync(_projectId, "USD");
        Assert.Equal(350, figures.MonthlyCost);
        var ledger = await _factory.Services.GetRequiredService<LedgerQueries>().PageAsync(_projectId, new LedgerFilter(), 10);
        Assert.All(ledger.Items, i => Assert.Equal(Sha, i.CommitSha));
        Assert.All(ledger.Items, i => Assert.Equal(LedgerKind.Charge, i.Kind));
    }

    [Fact]
    public async Task Post_SameBatchAgain_ReportsDuplicatesAndWritesNothing()
    {
        var batch = new { charges = new[] { Charge("u1"), Charge("u2") } };
        await PostAsync(batch);

        var again = await PostAsync(batch);

        var body = await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, body.GetProperty("recorded").GetInt32());
        Assert.Equal(2, body.GetProperty("duplicates").GetInt32());
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Post_SameIdDifferentContent_Is409AndWritesNothing()
    {
        await PostAsync(new { charges = new[] { Charge("u1", 250) } });

        var response = await PostAsync(new { charges = new[] { Charge("u2", 10), Charge("u1", 999) } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("u1", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Post_TwoIdenticalBatchesConcurrently_RecordOnce()
    {
        var batch = new { charges = Enumerable.Range(0, 200).Select(i => Charge($"c{i}")).ToArray() };

        var responses = await Task.WhenAll(PostAsync(batch), PostAsync(batch));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(200, await CountAsync());
        Assert.Equal(200 * 250, (await _factory.Services.GetRequiredService<FiguresService>().TotalsAsync(_projectId)).Charged);
    }

    [Theory]
    [InlineData("project", "nope", null, "compute", 250L, 1.0, "USD", "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z")]
    [InlineData("commitSha", "app", "abc123", "compute", 250L, 1.0, "USD", "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z")]
    [InlineData("commitSha", "app", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "compute", 250L, 1.0, "USD", "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z")]
    [InlineData("commitSha", "app", "cccccccccccccccccccccccccccccccccccccccc", "compute", 250L, 1.0, "USD", "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z")]
    [InlineData("resource", "app", null, "gpu", 250L, 1.0, "USD", "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z")]
    [InlineData("amount", "app", null, "compute", -5L, 1.0, "USD", "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z")]
    [InlineData("quantity", "app", null, "compute", 250L, -1.0, "USD", "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z")]
    [InlineData("quantity", "app", null, "compute", 250L, null, "USD", "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z")]
    [InlineData("currency", "app", null, "compute", 250L, 1.0, "EUR", "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z")]
    [InlineData("periodEnd", "app", null, "compute", 250L, 1.0, "USD", "2026-11-26T00:00:00Z", "2026-11-26T00:00:00Z")]
    public async Task Post_InvalidItem_Is422NamingTheFieldAndWritesNothing(
        string field, string project, string? sha, string resource, long amount, double? quantity, string currency, string start, string end)
    {
        var response = await PostAsync(new { charges = new[] { Charge("ok"), Charge("bad", amount, project, sha, resource, quantity, currency, start, end) } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.True(errors.TryGetProperty($"charges[1].{field}", out _), errors.ToString());
        Assert.False(errors.TryGetProperty("charges[0].id", out _));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Post_IdRepeatedInsideTheBatch_Is422()
    {
        var response = await PostAsync(new { charges = new[] { Charge("same"), Charge("same") } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("charges[1].id", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Post_NoKeyOrWrongKey_Is401AndWritesNothing()
    {
        var none = await PostAsync(new { charges = new[] { Charge("u1") } }, key: null);
        var wrong = await PostAsync(new { charges = new[] { Charge("u1") } }, key: "cs_wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Post_KeyCreatedByTheCommand_IsAccepted()
    {
        var key = await _factory.Services.GetRequiredService<PlatformKeys>().CreateAsync("metering");

        var response = await PostAsync(new { charges = new[] { Charge("u1") } }, key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.DoesNotContain(key, (await db.ApiKeys.SingleAsync()).Hash);
    }

    [Fact]
    public async Task Post_TenThousandCharges_AreAcceptedAndOneMoreIsRefused()
    {
        var ok = await PostAsync(new { charges = Enumerable.Range(0, 10_000).Select(i => Charge($"big{i}", 1)).ToArray() });
        var tooMany = await PostAsync(new { charges = Enumerable.Range(0, 10_001).Select(i => Charge($"huge{i}", 1)).ToArray() });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Equal(10_000, await CountAsync());
    }

    [Fact]
    public async Task Post_MalformedJson_Is400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/usage") { Content = new StringContent("{\"charges\": [", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        var response = await _factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PostDeployment_KnownCommit_RecordsOnceAndEndsThePreviousOne()
    {
        var body = new { project = "app", commitSha = Sha, startedAt = "2026-11-20T10:00:00Z" };

        var first = await PostAsync(body, path: "/api/v1/deployments");
        var again = await PostAsync(body, path: "/api/v1/deployments");
        var outside = await PostAsync(new { project = "app", commitSha = OtherSha, startedAt = "2026-11-21T10:00:00Z" }, path: "/api/v1/deployments");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True((await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("created").GetBoolean());
        Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("created").GetBoolean());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Deployments.CountAsync());
    }

    private async Task<int> CountAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        return await db.Charges.CountAsync();
    }
}

public sealed class UsageRateLimitTests
{
    [Fact]
    public async Task Post_OverTheKeysBudget_Is429WithRetryAfter()
    {
        await using var factory = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string>
        {
            ["Metering:ApiKeyHashes:0"] = ApiKey.HashOf("cs_rate"),
            ["Metering:RequestsPerMinute"] = "2",
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cs_rate");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await client.PostAsJsonAsync("/api/v1/usage", new { charges = Array.Empty<object>() }, TestContext.Current.CancellationToken));
        }

        Assert.Equal(HttpStatusCode.BadRequest, responses[0].StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, responses[2].StatusCode);
        Assert.NotNull(responses[2].Headers.RetryAfter);
    }
}
