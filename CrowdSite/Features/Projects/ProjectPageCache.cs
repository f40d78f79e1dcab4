using System.Collections.Concurrent;
using CrowdSite.Features.Live;
using Microsoft.Extensions.Caching.Memory;

namespace CrowdSite.Features.Projects;

/// <summary>
/// Keeps each project page's model in memory so a page view costs a render, not a dozen queries, and loads
/// each version once however many viewers ask at the same moment (single flight). A ledger change for a
/// project moves its live topic's version (<see cref="ILiveUpdates"/>) before the writer returns, so the
/// next read misses; entries expire after a few minutes anyway because "today" moves the trailing 30-day
/// window. The page's HTML for anonymous visitors is cached on top of this, keyed on <see cref="VersionOfAsync"/>
/// (<see cref="ProjectPageOutputCache"/>).
/// </summary>
public sealed class ProjectPageCache(IMemoryCache cache, ILiveUpdates live, ProjectIds ids)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Lazy<Task<ProjectPageModel?>>> _loading = new(StringComparer.Ordinal);

    public async Task<ProjectPageModel?> GetOrLoadAsync(string slug, Func<Task<ProjectPageModel?>> load)
    {
        // Taken before the load, so whatever is cached sits under a version no newer than its data.
        if (await VersionOfAsync(slug) is not { } version)
        {
            return await load(); // no such project (or not yet): nothing to keep
        }

        var key = $"{nameof(ProjectPageCache)}|{slug}|{version}";
        if (cache.TryGetValue(key, out ProjectPageModel? model))
        {
            return model;
        }

        var flight = _loading.GetOrAdd(key, _ => new Lazy<Task<ProjectPageModel?>>(load));
        try
        {
            model = await flight.Value;
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<string, Lazy<Task<ProjectPageModel?>>>(key, flight));
        }

        if (model is not null)
        {
            cache.Set(key, model, Lifetime);
        }

        return model;
    }

    /// <summary>
    /// Moves on whenever this project's model is stale: money moved for it, or any page was edited, updated or
    /// registered. Null when there is no project at <paramref name="slug"/>. Money moved for other projects leaves it.
    /// </summary>
    public async ValueTask<string?> VersionOfAsync(string slug, CancellationToken ct = default) =>
        await ids.OfAsync(slug, ct) is { } id ? $"{live.VersionOf(LiveTopic.Pages)}.{live.VersionOf(LiveTopic.Project(id))}" : null;

    /// <summary>
    /// Drops every cached model: after a page edit, a new update or a registration, not only after money moves.
    /// A topic of its own, so every instance hears it through the backplane (page edits move no money).
    /// </summary>
    public void Invalidate() => live.Publish(LiveTopic.Pages);

    /// <summary>
    /// Moves on whenever any project's card could read differently: money moved anywhere, or a page changed.
    /// The pages that list projects and the platform's totals (home, discover, transparency) cache on it.
    /// </summary>
    public string DirectoryVersion => $"{live.VersionOf(LiveTopic.Pages)}.{live.VersionOf(LiveTopic.Platform)}";
}
