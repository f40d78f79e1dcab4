using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Metering;

public sealed class MetricsApiTests : IAsyncLifetime
{
    private const string Key = "cs_test_platform_key";
    private readonly CrowdSiteFactory _factory = new(seedDemo: false, settings: new Dictionary<string, string>
    {
        ["Metering:ApiKeyHashes:0"] = ApiKey.HashOf(Key),
        ["Metering:RequestsPerMinute"] = "1000",
    });

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(object body, string? key = Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/metrics") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return _factory.CreateClient().SendAsync(request);
    }

    private async Task<List<ProjectMetric>> StoredAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        return await db.ProjectMetrics.AsNoTracking().OrderBy(m => m.Day).ToListAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cs_wrong_key")]
    public async Task Post_WithoutAValidPlatformKey_Is401ProblemDetails(string? key)
    {
        var response = await PostAsync(new { metrics = new[] { new { project = "app", day = "2026-11-20", activeUsers = 10, requests = 100 } } }, key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Post_InvalidItem_Is422WithFieldErrorsPerItem_AndWritesNothing()
    {
        var response = await PostAsync(new
        {
            metrics = new object[]
            {
                new { project = "app", day = "2026-11-20", activeUsers = 10, requests = 100 },
                new { project = "nope", day = "2026-13-01", activeUsers = -1 },
                new { project = "app", day = "2026-11-27", activeUsers = 5, requests = 5 }, // tomorrow (UTC)
            },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        var fields = errors.EnumerateObject().Select(e => e.Name).Order().ToList();
        Assert.Equal(["metrics[1].activeUsers", "metrics[1].day", "metrics[1].project", "metrics[1].requests", "metrics[2].day"], fields);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Post_NoItems_Is400ProblemDetails()
    {
        var response = await PostAsync(new { metrics = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_SameDayAgain_IsIdempotent_AndALaterValueReplacesTheEarlierOne()
    {
        var day = new { project = "app", day = "2026-11-20", activeUsers = 1_000, requests = 50_000 };

        var first = await (await PostAsync(new { metrics = new[] { day } })).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var again = await (await PostAsync(new { metrics = new[] { day } })).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var later = await PostAsync(new { metrics = new[] { day with { activeUsers = 1_200, requests = 61_000 } } });

        Assert.Equal(1, first.GetProperty("created").GetInt32());
        Assert.Equal(1, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(1, (await later.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("replaced").GetInt32());
        var stored = Assert.Single(await StoredAsync());
        Assert.Equal((new DateOnly(2026, 11, 20), 1_200L, 61_000L), (stored.Day, stored.ActiveUsers, stored.Requests));
    }

    [Fact]
    public async Task Post_SameDayTwiceInOneBatch_TheLaterItemWins()
    {
        var response = await PostAsync(new
        {
            metrics = new[]
            {
                new { project = "app", day = "2026-11-21", activeUsers = 10, requests = 100 },
                new { project = "app", day = "2026-11-21", activeUsers = 20, requests = 200 },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(20, Assert.Single(await StoredAsync()).ActiveUsers);
    }

    [Fact]
    public async Task Post_Metrics_ShowInTheProjectsActiveUsers()
    {
        await PostAsync(new { metrics = new[] { new { project = "app", day = "2026-11-25", activeUsers = 4_800, requests = 90_000 } } });

        var project = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/projects/app", TestContext.Current.CancellationToken);

        Assert.Equal(4_800, project.GetProperty("activeUsers").GetInt64());
        Assert.Equal(0, project.GetProperty("costPerActiveUser").GetDouble()); // no costs yet: free per user
        Assert.Equal(0, project.GetProperty("breakEven").GetArrayLength()); // and nothing for the calculator to cover
    }
}
