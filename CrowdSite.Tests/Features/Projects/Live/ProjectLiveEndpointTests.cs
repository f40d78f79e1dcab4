using System.Net;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using CrowdSite.Features.Projects.Live;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Projects.Live;

public sealed class ProjectLiveEndpointTests : IAsyncLifetime
{
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);
    private int _projectId;
    private Commit _commit = null!;

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var project = new Project { Slug = "live", Name = "Live", Repository = "octo/live", Currency = "USD", CreatedAt = TestDatabase.Now.UtcDateTime };
        _commit = new Commit { Repository = "octo/live", Sha = new string('a', 40) };
        db.Projects.Add(project);
        db.Commits.Add(_commit);
        await db.SaveChangesAsync();
        _projectId = project.Id;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Open_GetsTheCurrentFrame_ThenADeltaWhenACharged()
    {
        await using var stream = await EventStream.OpenAsync(_factory.CreateClient(), "/p/live/live");

        var first = await stream.NextAsync();
        await ChargeAsync(12_345, "c1");
        var second = await stream.NextAsync();

        Assert.Equal(["backer-count", "backers", "charges", "deploys", "donate-runway", "summary", "usage"], Regions(first).Order());
        Assert.Equal(["balance-chart", "cost-chart", "donations-chart"], first.Data.GetProperty("charts").EnumerateObject().Select(c => c.Name).Order());
        Assert.True(second.Id > first.Id);
        Assert.Contains("$123.45", second.Data.GetProperty("regions").GetProperty("summary").GetString());
        Assert.DoesNotContain("backers", Regions(second)); // unchanged since the frame this viewer has
        // The coverage bar swapped in is a figure, not a loading bar: a screen reader must not wait for it.
        Assert.Contains("aria-busy=\"false\"", second.Data.GetProperty("regions").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task NewCharge_ForAViewerWithTheTable_SendsOnlyTheNewRow()
    {
        await MeteredChargeAsync(100, "m0");
        await using var stream = await EventStream.OpenAsync(_factory.CreateClient(), "/p/live/live");
        var first = await stream.NextAsync();

        await MeteredChargeAsync(200, "m1");
        var second = await stream.NextAsync();

        Assert.Contains("charges", Regions(first));
        Assert.DoesNotContain("charges", Regions(second));
        var rows = second.Data.GetProperty("rows").GetProperty("charges");
        var keys = rows.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToList();
        var added = rows.GetProperty("html").EnumerateObject().ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], Assert.Single(added).Name); // the newest row, first in the table
        Assert.StartsWith("<tr", added[0].Value.GetString());
        Assert.Contains(keys[1], first.Data.GetProperty("regions").GetProperty("charges").GetString()); // the row it keeps
    }

    [Fact]
    public async Task Reconnect_WithTheCurrentLastEventId_GetsOnlyWhatComesNext()
    {
        await ChargeAsync(100, "c0");
        SseEvent current;
        await using (var probe = await EventStream.OpenAsync(_factory.CreateClient(), "/p/live/live"))
        {
            current = await probe.NextAsync();
        }

        await using var stream = await EventStream.OpenAsync(_factory.CreateClient(), "/p/live/live", lastEventId: current.RawId);
        await ChargeAsync(200, "c1");
        var next = await stream.NextAsync();

        Assert.Equal(current.Id + 1, next.Id); // no catch-up frame of the version it already had
        Assert.Contains("$3.00", next.Data.GetProperty("regions").GetProperty("summary").GetString()); // both charges
    }

    [Fact]
    public async Task Changes_WithNoViewerLeft_BuildNoFrame_AndTheNextViewerGetsTheCurrentOne()
    {
        var (broadcasts, feed) = (_factory.Services.GetRequiredService<ProjectLiveBroadcasts>(), _factory.Services.GetRequiredService<ProjectLiveFeed>());
        await using (var probe = await EventStream.OpenAsync(_factory.CreateClient(), "/p/live/live"))
        {
            await probe.NextAsync();
        }

        for (var i = 0; i < 100 && broadcasts.ViewerCount(_projectId) > 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var built = feed.FramesBuilt;
        await ChargeAsync(100, "c0");
        await ChargeAsync(200, "c1");
        await Task.Delay(ProjectLiveFeed.MinInterval * 3, TestContext.Current.CancellationToken);
        Assert.Equal(0, broadcasts.ViewerCount(_projectId));
        Assert.Equal(built, feed.FramesBuilt);

        await using var stream = await EventStream.OpenAsync(_factory.CreateClient(), "/p/live/live");
        Assert.Contains("$3.00", (await stream.NextAsync()).Data.GetProperty("regions").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Reconnect_WithAnIdOfAnotherEpoch_GetsAWholeFrame()
    {
        await ChargeAsync(100, "c0");
        SseEvent current;
        await using (var probe = await EventStream.OpenAsync(_factory.CreateClient(), "/p/live/live"))
        {
            current = await probe.NextAsync();
        }

        // The same version number from another instance (or from before a restart): it says nothing about our figures.
        await using var stream = await EventStream.OpenAsync(_factory.CreateClient(), "/p/live/live", lastEventId: $"0000beef.{current.Id}");
        var first = await stream.NextAsync();

        Assert.Equal(current.Id, first.Id);
        Assert.Contains("summary", Regions(first));
        Assert.Contains("charges", Regions(first)); // every region: a whole frame
    }

    [Fact]
    public async Task Charge_FrameCarriesTheNewChartPointsAndOneSentence()
    {
        await using var stream = await EventStream.OpenAsync(_factory.CreateClient(), "/p/live/live");
        await stream.NextAsync();

        await ChargeAsync(12_345, "c1");
        var next = await stream.NextAsync();

        var today = new DateTimeOffset(TestDatabase.Now.UtcDateTime.Date, TimeSpan.Zero);
        var charts = next.Data.GetProperty("charts");
        var (balance, projection) = (Series(charts, "balance-chart", "Balance"), Series(charts, "balance-chart", "Projection"));
        Assert.False(balance.GetProperty("whole").GetBoolean()); // the tail of a year of days
        Assert.Equal((today.ToUnixTimeMilliseconds(), -12_345), LastPoint(balance));
        Assert.True(projection.GetProperty("whole").GetBoolean()); // the projection is redrawn whole
        Assert.Equal(today.ToUnixTimeMilliseconds(), projection.GetProperty("data")[0][0].GetInt64());
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), 12_345),
            LastPoint(Series(charts, "donations-chart", "Compute cost")));
        var (week, cost) = LastPoint(Series(charts, "cost-chart", "Compute"));
        Assert.Equal(12_345, cost);
        Assert.InRange(today.ToUnixTimeMilliseconds() - week, 0, TimeSpan.FromDays(6).TotalMilliseconds); // this week's bucket
        Assert.StartsWith("Live updated: balance -$123.45; ", next.Data.GetProperty("announce").GetString());
    }

    [Fact]
    public async Task Charge_DeltaCarriesOnlyThePointsItMoved_AWholeFrameCarriesTheTails()
    {
        await ChargeAsync(100, "c0");
        await using var stream = await EventStream.OpenAsync(_factory.CreateClient(), "/p/live/live");
        var whole = await stream.NextAsync();

        await ChargeAsync(12_345, "c1");
        var delta = await stream.NextAsync();

        // Today's balance, this week's compute bucket, this month's compute cost, and the projection drawn from today.
        var charts = delta.Data.GetProperty("charts");
        Assert.Single(Points(charts, "balance-chart", "Balance"));
        Assert.Single(Points(charts, "cost-chart", "Compute"));
        Assert.Single(Points(charts, "donations-chart", "Compute cost"));
        Assert.DoesNotContain(charts.GetProperty("donations-chart").EnumerateArray(), s => s.GetProperty("name").GetString() == "Donations");
        Assert.True(Points(whole.Data.GetProperty("charts"), "balance-chart", "Balance").Count() > 1);

        // A page that missed a frame gets a whole one: the tails, not the points the last frame moved.
        await ChargeAsync(500, "c2");
        var next = await stream.NextAsync();
        await using var late = await EventStream.OpenAsync(_factory.CreateClient(), "/p/live/live", lastEventId: whole.RawId);
        var caughtUp = await late.NextAsync();
        Assert.Equal(next.Id, caughtUp.Id);
        Assert.Single(Points(next.Data.GetProperty("charts"), "balance-chart", "Balance"));
        Assert.True(Points(caughtUp.Data.GetProperty("charts"), "balance-chart", "Balance").Count() > 1);
    }

    [Fact]
    public async Task ProjectPage_HasTheStreamAndATargetForEveryRegionAndChartAFrameCarries()
    {
        var ct = TestContext.Current.CancellationToken;
        await MeteredChargeAsync(100, "m0");
        var client = _factory.CreateClient();

        var html = await client.GetStringAsync("/p/live", ct);
        await using var stream = await EventStream.OpenAsync(client, "/p/live/live");
        var frame = await stream.NextAsync();

        Assert.Contains("data-live-source=\"/p/live/live\"", html);
        Assert.Contains("data-live-announcer", html);
        Assert.All(Regions(frame), region => Assert.Contains($"data-live=\"{region}\"", html));
        Assert.All(frame.Data.GetProperty("charts").EnumerateObject(), chart =>
            Assert.Matches($"<[^>]*data-testid=\"{chart.Name}\"[^>]*data-chart=|<[^>]*data-chart=[^>]*data-testid=\"{chart.Name}\"", html));
        var row = System.Text.RegularExpressions.Regex.Match(html, "data-row-key=\"([^\"]+)\"").Groups[1].Value; // rows a delta can keep
        Assert.Equal([row], frame.Data.GetProperty("regions").GetProperty("charges").GetString()!.Split("data-row-key=\"")[1..].Select(r => r[..r.IndexOf('"')]));
    }

    [Fact]
    public async Task UnknownProject_Is404ProblemDetails()
    {
        var response = await _factory.CreateClient().GetAsync("/p/nope/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static JsonElement Series(JsonElement charts, string chart, string name) =>
        charts.GetProperty(chart).EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    private static JsonElement.ArrayEnumerator Points(JsonElement charts, string chart, string name) =>
        Series(charts, chart, name).GetProperty("data").EnumerateArray();

    private static (long Day, long Amount) LastPoint(JsonElement series)
    {
        var point = series.GetProperty("data").EnumerateArray().Last();
        return (point[0].GetInt64(), point[1].GetInt64());
    }

    private static IEnumerable<string> Regions(SseEvent e) => e.Data.GetProperty("regions").EnumerateObject().Select(r => r.Name);

    private async Task ChargeAsync(long amount, string key) =>
        await _factory.Services.GetRequiredService<LedgerService>().PostAsync(Ledgers.Charge(_projectId, amount, key));

    /// <summary>A charge as metering records it (a Charge row with its commit), so it shows in the recent charges.</summary>
    private async Task MeteredChargeAsync(long amount, string sourceId)
    {
        var now = TestDatabase.Now.UtcDateTime;
        var charge = new Charge
        {
            SourceId = sourceId, ProjectId = _projectId, CommitId = _commit.Id, Resource = "compute", Quantity = 1, Unit = "vCPU-hours",
            Amount = amount, Currency = "USD", PeriodStart = now.AddHours(-1), PeriodEnd = now,
        };
        await _factory.Services.GetRequiredService<LedgerService>().PostAsync(ChargePostings.Build(charge, "Live", _commit.ShortSha, null));
    }
}
