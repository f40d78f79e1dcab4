using CrowdSite.Features.Ledger;
using CrowdSite.Features.Live;
using CrowdSite.Features.Metering;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Live;

/// <summary>Two instances on one PostgreSQL database: a change on one reaches the other's live subscribers and caches, within the bound even while it cannot listen.</summary>
public sealed class TwoInstanceLiveTests : TwoInstances
{
    [Fact]
    public async Task ChargeOnA_ReachesALiveSubscriberAndTheApiOnB()
    {
        using var subscription = B.Services.GetRequiredService<ILiveUpdates>().Subscribe(LiveTopic.Project(ProjectId));
        var api = B.CreateClient();
        Assert.Equal(0, await BalanceAsync(api)); // B has read (and cached) the project before the change

        await A.Services.GetRequiredService<UsageIngest>().IngestAsync([Charge("c1", 1_234)]);

        using var timeout = new CancellationTokenSource(Bound);
        var (open, _) = await subscription.NextAsync(timeout.Token);
        Assert.True(open);
        Assert.Equal(-1_234, await BalanceAsync(api));
    }

    [Fact]
    public async Task WhileBCannotListen_ItsPagesAreAtMostOneSecondStale_AndItListensAgain()
    {
        var api = B.CreateClient();
        Assert.Equal(0, await BalanceAsync(api)); // cached on B
        await TerminateListenersAsync(); // B's (and A's) LISTEN connections drop: A's notification below reaches nobody

        await A.Services.GetRequiredService<LedgerService>().PostAsync(Ledgers.Charge(ProjectId, 4_321, "while-deaf"));
        var seen = System.Diagnostics.Stopwatch.StartNew();
        while (await BalanceAsync(api) != -4_321 && seen.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
        }

        Assert.True(seen.Elapsed <= TimeSpan.FromSeconds(1), $"B served the old balance for {seen.Elapsed.TotalMilliseconds:0} ms");
        await WaitUntilListeningAsync(B);
    }
}
