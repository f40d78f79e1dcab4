using System.Collections.Concurrent;

namespace CrowdSite.Features.Live;

/// <summary>
/// Live updates within this process. <see cref="Publish"/> bumps the topic's version and queues one
/// fan-out on the thread pool (never more than one queued per topic: later publishes fold into it), which
/// offers the newest version to every subscriber's slot without waiting for any of them.
/// </summary>
public sealed class InProcessLiveUpdates : ILiveUpdates
{
    private readonly ConcurrentDictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private long _generation;

    public string Epoch { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    /// <summary>
    /// Every topic changed, including ones never seen here: what a backplane says when it may have missed
    /// notifications (while it was disconnected). Every version moves on, so no cached copy survives it.
    /// </summary>
    public void PublishAll()
    {
        Interlocked.Increment(ref _generation);
        foreach (var (_, state) in _topics)
        {
            if (Interlocked.Exchange(ref state.Queued, 1) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(s => s.FanOut(this), state, preferLocal: false);
            }
        }
    }

    public void Publish(LiveTopic topic)
    {
        var state = TopicOf(topic);
        Interlocked.Increment(ref state.Version);
        if (Interlocked.Exchange(ref state.Queued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(s => s.FanOut(this), state, preferLocal: false);
        }
    }

    public long VersionOf(LiveTopic topic) =>
        (_topics.TryGetValue(topic.Key, out var state) ? Interlocked.Read(ref state.Version) : 0) + Interlocked.Read(ref _generation);

    public LiveSubscription Subscribe(LiveTopic topic)
    {
        var state = TopicOf(topic);
        var subscription = new LiveSubscription(topic, s => state.Subscribers.TryRemove(s, out _));
        state.Subscribers.TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>How many subscriptions a topic has now (for tests).</summary>
    public int SubscriberCount(LiveTopic topic) => _topics.TryGetValue(topic.Key, out var state) ? state.Subscribers.Count : 0;

    private Topic TopicOf(LiveTopic topic) => _topics.GetOrAdd(topic.Key, static _ => new Topic());

    private sealed class Topic
    {
        public readonly ConcurrentDictionary<LiveSubscription, byte> Subscribers = new();
        public long Version;
        public int Queued;

        public void FanOut(InProcessLiveUpdates owner)
        {
            // Cleared before reading the version: a publish racing this line queues another fan-out.
            Volatile.Write(ref Queued, 0);
            var version = Interlocked.Read(ref Version) + Interlocked.Read(ref owner._generation);
            foreach (var (subscriber, _) in Subscribers)
            {
                subscriber.Offer(version);
            }
        }
    }
}
