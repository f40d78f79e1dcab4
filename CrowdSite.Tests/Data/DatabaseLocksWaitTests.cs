using CrowdSite.Data;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Data;

/// <summary>On both engines: a lock has one holder at a time, whether it was waited for or tried.</summary>
public sealed class DatabaseLocksWaitTests
{
    [Fact]
    public async Task Acquire_HeldLock_OthersWaitOrGetNothingUntilReleased()
    {
        await using var site = new CrowdSiteFactory(seedDemo: false);
        var locks = site.Services.GetRequiredService<DatabaseLocks>();

        var first = await locks.AcquireAsync("test-lock");
        var tried = await locks.TryAcquireAsync("test-lock");
        var waiting = locks.AcquireAsync("test-lock");
        await Task.Delay(300);
        var waitedWhileHeld = waiting.IsCompleted;
        await first.DisposeAsync();
        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(first);
        Assert.Null(tried);
        Assert.False(waitedWhileHeld);
        Assert.NotNull(second);
    }
}
