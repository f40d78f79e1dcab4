using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrowdSite.Data;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Metering;

/// <summary>Cloud Foundry usage events, built from the Cloud Controller's documented page.</summary>
public sealed class CloudFoundryImportTests : IAsyncLifetime
{
    private const string Key = "cs_cf_key";
    private const string AppGuid = "app-guid-1";
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly string OldSha = new('1', 40);
    private static readonly string NewSha = new('2', 40);
    private readonly CrowdSiteFactory _factory = new(seedDemo: false, settings: new Dictionary<string, string>
    {
        ["Metering:ApiKeyHashes:0"] = ApiKey.HashOf(Key),
        ["CloudFoundry:PricePerGbHourMicros"] = "5000000",
    });

    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync())
        {
            var project = new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" };
            var old = new Commit { Repository = "octo/app", Sha = OldSha };
            var @new = new Commit { Repository = "octo/app", Sha = NewSha };
            db.AddRange(project, old, @new);
            await db.SaveChangesAsync();
            db.Deployments.AddRange(
                new Deployment { ProjectId = project.Id, CommitId = old.Id, StartedAt = T0.UtcDateTime.AddDays(-1), EndedAt = T0.UtcDateTime.AddHours(10) },
                new Deployment { ProjectId = project.Id, CommitId = @new.Id, StartedAt = T0.UtcDateTime.AddHours(10) });
            await db.SaveChangesAsync();
        }

        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        (await _client.PutAsJsonAsync("/api/v1/projects/app/cloudfoundry-apps", new { appGuids = new[] { AppGuid } })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static JsonObject Event(string guid, string state, double hours, int instances = 1, int memory = 512, string app = AppGuid, string process = "web-1")
    {
        var template = (JsonObject)CloudFoundryPage().AsObject()["resources"]![0]!.DeepClone();
        template["guid"] = guid;
        template["created_at"] = T0.AddHours(hours).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        template["state"] = new JsonObject { ["current"] = state, ["previous"] = null };
        template["app"] = new JsonObject { ["guid"] = app, ["name"] = "app" };
        template["process"] = new JsonObject { ["guid"] = process, ["type"] = "web" };
        template["task"] = null;
        template["instance_count"] = new JsonObject { ["current"] = instances, ["previous"] = null };
        template["memory_in_mb_per_instance"] = new JsonObject { ["current"] = memory, ["previous"] = null };
        return template;
    }

    private static JsonObject CloudFoundryPage() => Fixtures.CloudFoundry("app_usage_events_page");

    private static JsonObject Page(params JsonObject[] events)
    {
        var page = CloudFoundryPage();
        page["resources"] = new JsonArray(events.Select(e => (JsonNode)e.DeepClone()).ToArray());
        return page;
    }

    private Task<HttpResponseMessage> ImportAsync(JsonObject page) =>
        _client.PostAsync("/api/v1/usage/cloudfoundry", new StringContent(page.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    /// <summary>1 × 512 MB for 6 h, 3 × 512 MB for 3 h, 3 × 1024 MB for 3 h, stopped: 16.5 GB-hours; a deploy 1 h into the last interval.</summary>
    private static JsonObject WorkedExample() => Page(
        Event("e1", "STARTED", 0, 1, 512),
        Event("e2", "STARTED", 6, 3, 512),
        Event("e3", "STARTED", 9, 3, 1024),
        Event("e4", "STOPPED", 12, 3, 1024));

    [Fact]
    public async Task Import_WorkedExample_Gives16AndAHalfGbHoursSplitAtTheDeployment()
    {
        var response = await ImportAsync(WorkedExample());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(16.5, result.GetProperty("gbHours").GetDouble());
        var byCommit = await GbHoursByCommitAsync();
        Assert.Equal(10.5, byCommit[OldSha], 4);
        Assert.Equal(6.0, byCommit[NewSha], 4);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var lastInterval = await db.Charges.Where(c => c.PeriodStart >= T0.UtcDateTime.AddHours(9)).OrderBy(c => c.PeriodStart).ToListAsync();
        Assert.Equal([3.0, 6.0], lastInterval.Select(c => c.Quantity));
        Assert.All(lastInterval, c => Assert.Equal(5_000_000, c.UnitPriceMicros));
        Assert.Equal(15 + 23 + 15 + 30, await db.Charges.SumAsync(c => c.Amount));
    }

    [Fact]
    public async Task Import_SamePageTwice_AddsNothing()
    {
        await ImportAsync(WorkedExample());

        var again = await ImportAsync(WorkedExample());

        var result = await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(0, result.GetProperty("imported").GetInt32());
        Assert.Equal(4, result.GetProperty("alreadyImported").GetInt32());
        Assert.Equal(16.5, (await GbHoursByCommitAsync()).Values.Sum(), 4);
    }

    [Fact]
    public async Task Import_RealisticPage_FollowsCloudFoundrysConsumerRules()
    {
        var page = Page(
            Event("r0", "STOPPED", -1),                        // an end with no beginning: noise
            Event("r1", "STARTED", 0, 2, 256),                 // 2 × 256 MB = 0.5 GB
            Event("r2", "WAS_RUNNING", 1, 2, 256),             // a start is on record: ignored
            Event("r3", "STARTED", 2, 4, 256),                 // scale: 0.5 GB × 2 h = 1 GB-h closed
            Event("r4", "STOPPED", 4, 4, 256),                 // 1 GB × 2 h = 2 GB-h
            Event("r5", "STOPPED", 5, 4, 256),                 // duplicate stop: ignored
            Event("r6", "WAS_RUNNING", 6, 1, 1024, process: "worker-1"), // no start on record: counts as a start
            Event("r7", "STOPPED", 7, 1, 1024, process: "worker-1"),     // 1 GB-h
            Event("r8", "STARTED", 0, 1, 1024, app: "someone-else"));   // another app on the foundation

        var response = await ImportAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(1, result.GetProperty("otherApps").GetInt32());
        Assert.Equal(4.0, result.GetProperty("gbHours").GetDouble(), 4);
        Assert.Equal(4.0, (await GbHoursByCommitAsync())[OldSha], 4);
    }

    [Fact]
    public async Task Import_IntervalOverMidnight_IsSplitPerDay()
    {
        await ImportAsync(Page(Event("m1", "STARTED", 22, 1, 1024), Event("m2", "STOPPED", 26, 1, 1024)));

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var charges = await db.Charges.OrderBy(c => c.PeriodStart).ToListAsync();
        Assert.Equal([2.0, 2.0], charges.Select(c => c.Quantity));
        Assert.Equal(T0.UtcDateTime.AddDays(1), charges[1].PeriodStart);
    }

    [Fact]
    public async Task Import_MalformedPage_Is422AndWritesNothing()
    {
        var broken = Event("b2", "STARTED", 1);
        broken.Remove("guid");

        var response = await ImportAsync(Page(Event("b1", "STARTED", 0), broken, Event("b3", "STOPPED", 2)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("resources[1]", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.CloudFoundryEvents.CountAsync());
        Assert.Equal(0, await db.Charges.CountAsync());
    }

    [Fact]
    public async Task Import_WithoutAKey_Is401()
    {
        var anonymous = _factory.CreateClient();

        var response = await anonymous.PostAsync("/api/v1/usage/cloudfoundry",
            new StringContent(WorkedExample().ToJsonString(), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<Dictionary<string, double>> GbHoursByCommitAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var rows = await db.Charges.Include(c => c.Commit).ToListAsync();
        return rows.GroupBy(c => c.Commit!.Sha).ToDictionary(g => g.Key, g => g.Sum(c => c.Quantity));
    }
}
