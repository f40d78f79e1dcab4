using CrowdSite.Features.Live;
using CrowdSite.Features.Projects.Live;

namespace CrowdSite.Tests.Features.Projects.Live;

public sealed class ProjectLiveBroadcastsTests
{
    private readonly WritesInFlight _writes = new();

    [Fact]
    public async Task FanOut_WithNoWriter_SendsToEveryone()
    {
        var sent = new List<int>();

        await ProjectLiveBroadcasts.EachInSlicesAsync(Enumerable.Range(0, 200), sent.Add, _writes, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(0, 200), sent);
    }

    [Fact]
    public async Task FanOut_WhenAWriterStartsMidSlice_PausesAtOnceUntilItEnds()
    {
        var sent = 0;
        var writer = default(WritesInFlight.Scope?);
        var fanOut = ProjectLiveBroadcasts.EachInSlicesAsync(Enumerable.Range(0, 200), i =>
        {
            sent++;
            if (i == 2)
            {
                writer = _writes.Enter(); // a write request arrives while the third viewer is sent its frame
            }
        }, _writes, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(3, sent); // not the rest of its slice of 64
        Assert.False(fanOut.IsCompleted);

        writer!.Value.Dispose();
        await fanOut.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(200, sent);
    }

    [Fact]
    public async Task FanOut_BehindAWriterThatNeverEnds_FinishesOnceItsBudgetIsSpent()
    {
        using var endless = _writes.Enter();
        var sent = 0;

        await ProjectLiveBroadcasts.EachInSlicesAsync(Enumerable.Range(0, 200), _ => sent++, _writes, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(200, sent);
    }
}
