using CrowdSite.Features.Live;

namespace CrowdSite.Tests.Features.Live;

public sealed class InProcessLiveUpdatesTests
{
    private static readonly LiveTopic Topic = LiveTopic.Project(7);
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);
    private readonly InProcessLiveUpdates _live = new();

    [Fact]
    public async Task Publish_WithAStalledSubscriber_ReachesTheOthers()
    {
        using var stalled = _live.Subscribe(Topic).Listen(_ => Task.Delay(Timeout.Infinite));
        using var reader = _live.Subscribe(Topic);

        _live.Publish(Topic);
        _live.Publish(Topic);

        var (open, version) = await reader.NextAsync().AsTask().WaitAsync(Soon);
        Assert.True(open);
        Assert.True(version >= 1);
    }

    [Fact]
    public async Task Publish_ReturnsBeforeAnySubscriberRuns()
    {
        var running = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        using var slow = _live.Subscribe(Topic).Listen(async _ =>
        {
            running.TrySetResult();
            await release.Task;
        });

        _live.Publish(Topic); // would hang here if it awaited the listener

        Assert.Equal(1, _live.VersionOf(Topic));
        await running.Task.WaitAsync(Soon);
        release.SetResult();
    }

    [Fact]
    public async Task Burst_WhileTheReaderIsBusy_ArrivesAsOneChangeWithTheLatestVersion()
    {
        var calls = new List<long>();
        var first = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var done = new TaskCompletionSource();
        using var subscription = _live.Subscribe(Topic).Listen(async version =>
        {
            lock (calls) calls.Add(version);
            first.TrySetResult();
            await release.Task;
            if (version == 1_001)
            {
                done.TrySetResult();
            }
        });

        _live.Publish(Topic);
        await first.Task.WaitAsync(Soon);
        for (var i = 0; i < 1_000; i++)
        {
            _live.Publish(Topic);
        }

        await WaitUntilAsync(() => _live.VersionOf(Topic) == 1_001);
        await Task.Delay(100); // let the fan-outs settle into the one slot
        release.SetResult();
        await done.Task.WaitAsync(Soon);

        Assert.InRange(calls.Count, 2, 3); // the first, then the burst folded into one (maybe one more in flight)
        Assert.Equal(1_001, calls[^1]);
    }

    [Fact]
    public async Task DisposedSubscription_ReceivesNothingAndIsForgotten()
    {
        var other = _live.Subscribe(Topic);
        var disposed = _live.Subscribe(Topic);
        disposed.Dispose();

        _live.Publish(Topic);

        Assert.Equal((false, 0), await disposed.NextAsync().AsTask().WaitAsync(Soon));
        Assert.True((await other.NextAsync().AsTask().WaitAsync(Soon)).Open);
        Assert.Equal(1, _live.SubscriberCount(Topic));
        other.Dispose();
        Assert.Equal(0, _live.SubscriberCount(Topic));
    }

    [Fact]
    public async Task Publish_ToOneProject_LeavesAnotherProjectsSubscribersAlone()
    {
        using var other = _live.Subscribe(LiveTopic.Project(8));

        _live.Publish(Topic);
        await Task.Delay(100);

        Assert.Equal(0, _live.VersionOf(LiveTopic.Project(8)));
        Assert.Equal(1, _live.VersionOf(Topic));
        var next = other.NextAsync().AsTask();
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
