using CrowdSite.Data;
using CrowdSite.Features.Alerts;
using CrowdSite.Features.Ledger;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Tests.Features.Alerts;

/// <summary>Runway crossings on a hand-made ledger with a fake clock: once per crossing, recovery rearms.</summary>
public sealed class RunwayWatcherTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private int _projectId;
    private int _key;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _projectId = (await _database.AddProjectAsync()).Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private RunwayWatcher Watcher() => new(_database, _database.Figures(), new DatabaseLocks(_database), _database.Time);

    private async Task<int?> RunwayAsync() => (await _database.Figures().ForProjectAsync(_projectId, "USD")).RunwayDays;

    private Task<PostingResult> ChargeAsync(long amount) => _database.Ledger().PostAsync(Ledgers.Charge(_projectId, amount, $"c{_key++}", _database.Time.GetUtcNow().UtcDateTime));

    private Task<PostingResult> GiveAsync(long amount) => _database.Ledger().PostAsync(Ledgers.Donation(_projectId, amount, $"d{_key++}", _database.Time.GetUtcNow().UtcDateTime));

    [Theory]
    [InlineData(null, null)]
    [InlineData(60, null)]
    [InlineData(59, 60)]
    [InlineData(30, 60)]
    [InlineData(29, 30)]
    [InlineData(7, 30)]
    [InlineData(6, 7)]
    [InlineData(0, 7)]
    public void BelowOf_Runway_IsTheLowestThresholdItIsUnder(int? runway, int? expected) => Assert.Equal(expected, RunwayWatcher.BelowOf(runway));

    [Fact]
    public async Task Check_FirstSight_RecordsTheStateWithoutAlerting()
    {
        await GiveAsync(1_000);
        await ChargeAsync(900);
        Assert.InRange((await RunwayAsync())!.Value, 0, 6);

        Assert.Empty(await Watcher().CheckAsync());

        await using var db = _database.CreateDbContext();
        Assert.Equal(7, (await db.RunwayWatches.SingleAsync()).Below);
    }

    [Fact]
    public async Task Check_RunwayFallsThenRecovers_AlertsOncePerCrossingAndRearmsAfterRecovery()
    {
        var watcher = Watcher();
        await GiveAsync(10_000);
        await ChargeAsync(1_000);
        Assert.True(await RunwayAsync() >= 60);
        Assert.Empty(await watcher.CheckAsync());

        await ChargeAsync(4_000); // balance 5,000 a month's cost 5,000: 30 days
        Assert.InRange((await RunwayAsync())!.Value, 30, 59);
        var first = await watcher.CheckAsync();
        _database.Time.Advance(TimeSpan.FromHours(1));
        var anHourLater = await watcher.CheckAsync();

        await ChargeAsync(4_500); // 500 left of 9,500 a month
        Assert.InRange((await RunwayAsync())!.Value, 0, 6);
        var fell = await watcher.CheckAsync(); // 30 and 7 at once: one alert, the lowest

        await GiveAsync(40_000);
        Assert.True(await RunwayAsync() >= 60);
        var recovered = await watcher.CheckAsync();

        await ChargeAsync(30_000);
        Assert.InRange((await RunwayAsync())!.Value, 7, 29);
        var again = await watcher.CheckAsync();

        Assert.Equal(60, Assert.Single(first).Threshold);
        Assert.Empty(anHourLater);
        Assert.Equal(7, Assert.Single(fell).Threshold);
        Assert.Empty(recovered);
        Assert.Equal(30, Assert.Single(again).Threshold);
        await using var db = _database.CreateDbContext();
        Assert.Equal([60, 7, 30], await db.FundingAlerts.OrderBy(a => a.Id).Select(a => a.Threshold).ToListAsync());
    }

    [Fact]
    public async Task Check_TwoWatchersAtOnceWithoutTheLock_RecordOneAlert()
    {
        await GiveAsync(10_000);
        await ChargeAsync(1_000);
        await Watcher().CheckAsync();
        await ChargeAsync(4_000);

        var both = await Task.WhenAll(Watcher().CheckAsync(), Watcher().CheckAsync()); // each its own lock: as if the lock failed

        Assert.Equal(1, both.Sum(alerts => alerts.Count));
        await using var db = _database.CreateDbContext();
        Assert.Equal(1, await db.FundingAlerts.CountAsync());
    }

    [Fact]
    public async Task Check_BecomesSustainable_AlertsOnce()
    {
        var watcher = Watcher();
        await GiveAsync(10_000);
        await ChargeAsync(2_000);
        Assert.Empty(await watcher.CheckAsync());

        await _database.AddPledgeAsync(_projectId, 5_000);
        var sustainable = await watcher.CheckAsync();
        var again = await watcher.CheckAsync();

        Assert.Equal(FundingAlertKind.Sustainable, Assert.Single(sustainable).Kind);
        Assert.Empty(again);
    }

    [Fact]
    public async Task Check_Crossing_QueuesOneMessagePerConfirmedFollowerWhoWantsRunwayAlerts()
    {
        await using (var db = _database.CreateDbContext())
        {
            db.Followers.AddRange(
                new Follower { ProjectId = _projectId, Email = "runway@example.org", Token = "t1", RunwayAlerts = true, ConfirmedAt = TestDatabase.Now.UtcDateTime },
                new Follower { ProjectId = _projectId, Email = "updates@example.org", Token = "t2", UpdateAlerts = true, ConfirmedAt = TestDatabase.Now.UtcDateTime },
                new Follower { ProjectId = _projectId, Email = "unconfirmed@example.org", Token = "t3", RunwayAlerts = true });
            await db.SaveChangesAsync();
        }

        var watcher = Watcher();
        await GiveAsync(10_000);
        await ChargeAsync(1_000);
        await watcher.CheckAsync();
        await ChargeAsync(4_000);

        await watcher.CheckAsync();
        await watcher.CheckAsync();

        await using var check = _database.CreateDbContext();
        var queued = Assert.Single(await check.OutboxMessages.ToListAsync());
        Assert.Equal(OutboxKind.FundingAlert, queued.Kind);
        Assert.Equal("runway@example.org", (await check.Followers.SingleAsync(f => f.Id == queued.FollowerId)).Email);
    }
}
