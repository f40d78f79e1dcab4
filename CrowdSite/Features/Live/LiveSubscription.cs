using System.Threading.Channels;

namespace CrowdSite.Features.Live;

/// <summary>
/// One listener's view of a topic: a bounded slot of one that keeps only the newest version (a burst of
/// changes reaches a busy reader as one), closed when disposed.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<long> _changes = Channel.CreateBounded<long>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Action<LiveSubscription> _unsubscribe;

    internal LiveSubscription(LiveTopic topic, Action<LiveSubscription> unsubscribe) => (Topic, _unsubscribe) = (topic, unsubscribe);

    public LiveTopic Topic { get; }

    internal void Offer(long version) => _changes.Writer.TryWrite(version);

    /// <summary>Waits for the next change and gives the topic's version then; false once disposed.</summary>
    public async ValueTask<(bool Open, long Version)> NextAsync(CancellationToken ct = default)
    {
        while (await _changes.Reader.WaitToReadAsync(ct))
        {
            if (_changes.Reader.TryRead(out var version))
            {
                return (true, version);
            }
        }

        return (false, 0);
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> in the background for each change, one at a time; changes that land
    /// while it runs are folded into one call. Failures are logged, never thrown at the writer.
    /// </summary>
    public LiveSubscription Listen(Func<long, Task> onChange, ILogger? logger = null)
    {
        _ = Task.Run(async () =>
        {
            while (await NextAsync() is (true, var version))
            {
                try
                {
                    await onChange(version);
                }
                catch (Exception ex)
                {
                    logger?.LogWarning(ex, "A listener to {Topic} failed", Topic);
                }
            }
        });
        return this;
    }

    public void Dispose()
    {
        if (_changes.Writer.TryComplete())
        {
            _unsubscribe(this);
        }
    }
}
