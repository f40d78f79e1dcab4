using System.Collections.Concurrent;
using CrowdSite.Features.Live;

namespace CrowdSite.Features.Projects.Live;

/// <summary>
/// Sends a project's live frames to its open pages: one loop per project (started by its first viewer), which
/// waits for a change, takes the frame built once for it, and hands it to every viewer in small slices with a
/// pause between them. The pause is what keeps writers from waiting for readers: a fan-out to thousands would
/// otherwise queue thousands of sends at once in front of the next ingest's response. Both the frame's build and
/// each slice also wait while a write request is running (<see cref="WritesInFlight"/>), up to a budget per
/// change that keeps a viewer's delay well inside a second.
/// </summary>
public sealed class ProjectLiveBroadcasts(ILiveUpdates live, ProjectLiveFeed feed, WritesInFlight writes, IHostApplicationLifetime lifetime, ILogger<ProjectLiveBroadcasts> logger)
{
    /// <summary>The most one change's broadcast waits for writers in all (before its build and between its slices).</summary>
    internal static readonly TimeSpan StepAsideBudget = TimeSpan.FromMilliseconds(250);

    /// <summary>A comment line now and then keeps proxies from closing a quiet stream (and finds viewers that stopped reading).</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(25);

    /// <summary>Viewers written between pauses; measured by bench/live-fanout.sh (a slice takes well under a millisecond).</summary>
    internal const int SliceSize = 64;

    private static readonly TimeSpan SlicePause = TimeSpan.FromMilliseconds(1);
    private static readonly ReadOnlyMemory<byte> Ping = ": ping\n\n"u8.ToArray();
    private readonly ConcurrentDictionary<int, Broadcast> _projects = new();

    /// <summary>Adds a viewer to the project's broadcast and sends it the current frame if it lacks it.</summary>
    public void Add(Project project, LiveViewer viewer)
    {
        var broadcast = _projects.GetOrAdd(project.Id, _ => Start(project));
        broadcast.Viewers.TryAdd(viewer, 0);
        _ = CatchUpAsync(project, viewer);
    }

    public void Remove(Project project, LiveViewer viewer)
    {
        if (_projects.TryGetValue(project.Id, out var broadcast))
        {
            broadcast.Viewers.TryRemove(viewer, out _);
        }
    }

    /// <summary>The project's open viewers on this instance.</summary>
    internal int ViewerCount(int projectId) => _projects.TryGetValue(projectId, out var broadcast) ? broadcast.Viewers.Count : 0;

    private async Task CatchUpAsync(Project project, LiveViewer viewer)
    {
        try
        {
            if (viewer.Sent != live.VersionOf(LiveTopic.Project(project.Id)) && await feed.FrameAsync(project) is { } frame)
            {
                viewer.Offer(frame);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The live frame of {Slug} could not be sent to a new viewer", project.Slug);
        }
    }

    private Broadcast Start(Project project)
    {
        var broadcast = new Broadcast();
        // Lives while the site runs: one subscription per project that has had a viewer (a few hundred at most).
        _ = Task.Run(() => RunAsync(project, broadcast, lifetime.ApplicationStopping));
        return broadcast;
    }

    private async Task RunAsync(Project project, Broadcast broadcast, CancellationToken stopping)
    {
        using var subscription = live.Subscribe(LiveTopic.Project(project.Id));
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var changed = await NextChangeAsync(subscription, stopping);
                if (changed is false)
                {
                    return;
                }

                // Nobody to send it to (the last viewer left): a viewer who comes later gets a frame built for it.
                if (broadcast.Viewers.IsEmpty)
                {
                    continue;
                }

                var budget = StepAsideBudget;
                if (changed is null)
                {
                    await EachViewerAsync(broadcast, v => v.Send(Ping), budget, stopping);
                    continue;
                }

                // The change's own writer is usually still answering its request: let it finish first.
                budget -= await writes.StepAsideAsync(budget, stopping);
                if (await feed.FrameAsync(project) is { } frame)
                {
                    await EachViewerAsync(broadcast, v => v.Offer(frame), budget, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed frame must not end the project's broadcast: the next change tries again.
                logger.LogWarning(ex, "A live frame of {Slug} failed", project.Slug);
            }
        }
    }

    private Task EachViewerAsync(Broadcast broadcast, Action<LiveViewer> send, TimeSpan budget, CancellationToken stopping) =>
        // Enumerating the dictionary takes no lock (its Keys would, and copy 5,000 entries): viewers come and go meanwhile.
        EachInSlicesAsync(broadcast.Viewers.Select(v => v.Key), send, writes, budget, stopping);

    /// <summary>
    /// Sends to each in slices of <see cref="SliceSize"/> with a pause between them, stepping aside while a write runs.
    /// A writer that starts mid-slice ends the slice at once (while the budget lasts): sends already queued ahead of
    /// its response are what it would wait for.
    /// </summary>
    internal static async Task EachInSlicesAsync<T>(IEnumerable<T> items, Action<T> send, WritesInFlight writes, TimeSpan budget, CancellationToken stopping)
    {
        var inSlice = 0;
        foreach (var item in items)
        {
            send(item);
            if (++inSlice == SliceSize || (writes.Count > 0 && budget > TimeSpan.Zero))
            {
                inSlice = 0;
                await Task.Delay(SlicePause, stopping);
                budget -= await writes.StepAsideAsync(budget, stopping);
            }
        }
    }

    /// <summary>True on a change, false when the subscription closed, null when the heartbeat is due.</summary>
    internal static async Task<bool?> NextChangeAsync(LiveSubscription subscription, CancellationToken stopping)
    {
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        beat.CancelAfter(Heartbeat);
        try
        {
            return (await subscription.NextAsync(beat.Token)).Open;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return null;
        }
    }

    private sealed class Broadcast
    {
        public readonly ConcurrentDictionary<LiveViewer, byte> Viewers = new();
    }
}
