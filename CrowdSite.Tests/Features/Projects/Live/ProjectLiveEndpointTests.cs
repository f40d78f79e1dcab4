using System.Net;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
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
    public async Task UnknownProject_Is404ProblemDetails()
    {
        var response = await _factory.CreateClient().GetAsync("/p/nope/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
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
