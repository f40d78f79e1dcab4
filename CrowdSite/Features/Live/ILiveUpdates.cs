namespace CrowdSite.Features.Live;

/// <summary>
/// The live-update seam. A writer publishes after it committed and returns at once; subscribers hear of it
/// later, each through its own coalescing slot, so a slow or stalled reader delays nobody. In-process by
/// default; a backplane (PostgreSQL LISTEN/NOTIFY across instances) implements the same interface.
/// </summary>
public interface ILiveUpdates
{
    /// <summary>Records that a topic changed: its version moves on before this returns; delivery happens in the background.</summary>
    void Publish(LiveTopic topic);

    /// <summary>How often the topic changed since start. Caches key on it: a copy under an older version is stale.</summary>
    long VersionOf(LiveTopic topic);

    /// <summary>
    /// Names this run of this instance's counters (random at start). A version means something only with its epoch:
    /// a stream resumed on another instance, or after a restart, gets a whole frame.
    /// </summary>
    string Epoch { get; }

    /// <summary>A keyed subscription; dispose it with its page. It holds at most one pending change (the latest).</summary>
    LiveSubscription Subscribe(LiveTopic topic);
}
