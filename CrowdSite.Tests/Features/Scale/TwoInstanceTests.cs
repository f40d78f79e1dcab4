using System.Net.Http.Json;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.FreeTier;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Live;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Scale;

/// <summary>
/// Two app instances (two hosts, as two machines would run them) on one PostgreSQL database: the books stay
/// exactly right whichever instance writes, and a change on one reaches the other's live pages and caches.
/// </summary>
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private static readonly string Sha = new('a', 40);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private CrowdSiteFactory _a = null!;
    private CrowdSiteFactory _b = null!;
    private int _projectId;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(TestEngine.IsPostgres, "PostgreSQL only: several instances share a PostgreSQL database (runs with CROWDSITE_TEST_DATABASE=postgres).");
        _a = new CrowdSiteFactory(seedDemo: false);
        _ = _a.Server;
        _b = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string> { ["ConnectionStrings:CrowdSite"] = _a.PostgresConnectionString! });
        _ = _b.Server;
        await using var db = await _a.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var project = new Project { Slug = "shared", Name = "Shared", Repository = "octo/shared", Currency = "USD" };
        db.Projects.Add(project);
        db.Commits.Add(new Commit { Repository = "octo/shared", Sha = Sha });
        await db.SaveChangesAsync();
        _projectId = project.Id;
        await WaitUntilListeningAsync(_a);
        await WaitUntilListeningAsync(_b);
    }

    public async ValueTask DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }
    }

    [Fact]
    public async Task ChargeOnA_ReachesALiveSubscriberAndTheApiOnB()
    {
        using var subscription = _b.Services.GetRequiredService<ILiveUpdates>().Subscribe(LiveTopic.Project(_projectId));
        var api = _b.CreateClient();
        Assert.Equal(0, await BalanceAsync(api)); // B has read (and cached) the project before the change

        await _a.Services.GetRequiredService<UsageIngest>().IngestAsync([Charge("c1", 1_234)]);

        using var timeout = new CancellationTokenSource(Bound);
        var (open, _) = await subscription.NextAsync(timeout.Token);
        Assert.True(open);
        Assert.Equal(-1_234, await BalanceAsync(api));
    }

    [Fact]
    public async Task WhileBCannotListen_ItsPagesAreAtMostOneSecondStale_AndItListensAgain()
    {
        var api = _b.CreateClient();
        Assert.Equal(0, await BalanceAsync(api)); // cached on B
        await TerminateListenersAsync(); // B's (and A's) LISTEN connections drop: A's notification below reaches nobody

        await _a.Services.GetRequiredService<LedgerService>().PostAsync(Ledgers.Charge(_projectId, 4_321, "while-deaf"));
        var seen = System.Diagnostics.Stopwatch.StartNew();
        while (await BalanceAsync(api) != -4_321 && seen.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
        }

        Assert.True(seen.Elapsed <= TimeSpan.FromSeconds(1), $"B served the old balance for {seen.Elapsed.TotalMilliseconds:0} ms");
        await WaitUntilListeningAsync(_b);
    }

    [Fact]
    public async Task EightIdenticalBatches_SplitAcrossBoth_RecordOneSetOfCharges()
    {
        var batch = Enumerable.Range(0, 50).Select(i => Charge($"c{i}", 100 + i)).ToList();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? _a : _b).Services.GetRequiredService<UsageIngest>().IngestAsync(batch)));

        Assert.All(outcomes, o => Assert.True(o.Valid));
        Assert.Equal(50, outcomes.Sum(o => o.Result!.Recorded));
        await using var db = await _a.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(50, await db.Charges.CountAsync());
        Assert.Equal(-batch.Sum(c => c.Amount!.Value), await BalanceAsync(_b.CreateClient()));
        await AssertBooksBalancedAsync();
    }

    [Fact]
    public async Task DifferentBatchesOnBoth_AtOnce_KeepRunningBalancesAndRollupsExact()
    {
        var batches = Enumerable.Range(0, 10).Select(b => Enumerable.Range(0, 30).Select(i => Charge($"b{b}-{i}", 1 + b * 30 + i)).ToList()).ToList();

        await Task.WhenAll(batches.Select((batch, i) => (i % 2 == 0 ? _a : _b).Services.GetRequiredService<UsageIngest>().IngestAsync(batch)));

        await using var db = await _a.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        // A serial replay: each entry's balanceAfter is the sum of the account's entries up to it.
        var entries = await db.LedgerEntries.Where(e => e.Account == Accounts.ProjectPrefix + _projectId).OrderBy(e => e.Id).ToListAsync();
        var running = 0L;
        foreach (var entry in entries)
        {
            running += entry.Amount;
            Assert.Equal(running, entry.BalanceAfter);
        }

        Assert.Equal(300, entries.Count);
        Assert.Equal(-batches.SelectMany(b => b).Sum(c => c.Amount!.Value), running);
        Assert.Equal(running, await db.ProjectDays.Where(d => d.ProjectId == _projectId).SumAsync(d => d.Charged)); // the day rollups, charges signed as in the ledger
        await AssertBooksBalancedAsync();
    }

    [Fact]
    public async Task OnePaymentConfirmedTwentyTimesAcrossBoth_IsOneDonation()
    {
        var start = await _a.Services.GetRequiredService<DonationService>().StartAsync("shared", new DonationRequest(2_500, "USD"), new Uri("http://localhost/"));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? _a : _b).Services.GetRequiredService<DonationService>().PaySimulatedAsync(start.IntentId!.Value)));

        await using var db = await _a.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Donations.CountAsync());
        await AssertBooksBalancedAsync();
    }

    [Fact]
    public async Task MonthCloseOnBothAtOnce_GrantsOnce()
    {
        await using (var db = await _a.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync())
        {
            var project = await db.Projects.FirstAsync(p => p.Id == _projectId);
            project.Status = ProjectStatus.FreeTier;
            project.FreeTierMonthlyCap = 10_000;
            await db.SaveChangesAsync();
        }

        var october = new DateOnly(2026, 10, 1);
        var ledger = _a.Services.GetRequiredService<LedgerService>();
        await ledger.PostAsync(Ledgers.Donation(_projectId, 50_000, "gift", new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), pot: 5_000));
        await ledger.PostAsync(Ledgers.Charge(_projectId, 700, "oct-charge", new DateTime(2026, 10, 15, 0, 0, 0, DateTimeKind.Utc)));

        await Task.WhenAll(_a.Services.GetRequiredService<PotAllocation>().AllocateAsync(october), _b.Services.GetRequiredService<PotAllocation>().AllocateAsync(october));

        await using var check = await _a.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await check.PotGrants.CountAsync());
        await AssertBooksBalancedAsync();
    }

    private static UsageCharge Charge(string id, long amount)
    {
        var at = TestDatabase.Now.AddHours(-2);
        return new UsageCharge(id, "shared", Sha, "compute", 1, "vCPU-hours", amount, "USD", at, at.AddHours(1));
    }

    private static async Task<long> BalanceAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/projects/shared", TestContext.Current.CancellationToken)).GetProperty("balance").GetInt64();

    private async Task AssertBooksBalancedAsync()
    {
        var books = await _b.Services.GetRequiredService<BooksService>().ReconcileAsync("USD");
        Assert.True(books.Balanced);
    }

    private async Task TerminateListenersAsync()
    {
        await using var db = await _a.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (_b.Services.GetRequiredService<PostgresLiveUpdates>().Listening && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    private static async Task WaitUntilListeningAsync(CrowdSiteFactory factory)
    {
        var backplane = factory.Services.GetRequiredService<PostgresLiveUpdates>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!backplane.Listening && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(backplane.Listening);
    }
}

/// <summary>The locks that let one instance at a time run a background job.</summary>
public sealed class DatabaseLocksTests
{
    [Fact]
    public async Task HeldOnOneInstance_IsRefusedOnTheOther_UntilReleased()
    {
        Assert.SkipUnless(TestEngine.IsPostgres, "PostgreSQL only: locks across instances are PostgreSQL advisory locks (runs with CROWDSITE_TEST_DATABASE=postgres).");
        await using var a = new CrowdSiteFactory(seedDemo: false);
        _ = a.Server;
        await using var b = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string> { ["ConnectionStrings:CrowdSite"] = a.PostgresConnectionString! });
        var onA = a.Services.GetRequiredService<DatabaseLocks>();
        var onB = b.Services.GetRequiredService<DatabaseLocks>();

        var held = await onA.TryAcquireAsync("a-job");
        Assert.NotNull(held);
        Assert.Null(await onB.TryAcquireAsync("a-job"));
        Assert.NotNull(await onB.TryAcquireAsync("another-job"));

        await held.DisposeAsync();
        await using var taken = await onB.TryAcquireAsync("a-job");
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task InOneProcess_TryAcquire_RefusesASecondHolder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var locks = new DatabaseLocks(database);

        await using (var first = await locks.TryAcquireAsync("job"))
        {
            Assert.NotNull(first);
            Assert.Null(await locks.TryAcquireAsync("job"));
        }

        await using var again = await locks.TryAcquireAsync("job");
        Assert.NotNull(again);
    }
}
