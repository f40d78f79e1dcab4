using System.Collections.Concurrent;
using CrowdSite.Features.Live;
using Microsoft.Extensions.Caching.Memory;

namespace CrowdSite.Features.Projects;

/// <summary>
/// Keeps each project page's model in memory so a page view costs a render, not a dozen queries, and loads
/// each version once however many viewers ask at the same moment (single flight). A ledger change for a
/// project moves its live topic's version (<see cref="ILiveUpdates"/>) before the writer returns, so the
/// next read misses; entries expire after a few minutes anyway because "today" moves the trailing 30-day
/// window. The page's HTML for anonymous visitors is cached on top of this, keyed on <see cref="VersionOf"/>
/// (<see cref="ProjectPageOutputCache"/>).
/// </summary>
public sealed class ProjectPageCache(IMemoryCache cache, ILiveUpdates live)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Learned> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<ProjectPageModel?>>> _loading = new(StringComparer.Ordinal);

    public async Task<ProjectPageModel?> GetOrLoadAsync(string slug, Func<Task<ProjectPageModel?>> load)
    {
        // Taken before the load, so whatever is cached sits under a version no newer than its data.
        var totalBefore = live.TotalVersion;
        var key = $"{nameof(ProjectPageCache)}|{slug}|{VersionOf(slug, totalBefore)}";
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
            Learn(slug, model.Project.Id, totalBefore);
            cache.Set(key, model, Lifetime);
        }

        return model;
    }

    /// <summary>
    /// Moves on whenever this project's model is stale: money moved for it, or any page was edited, updated
    /// or registered. Before a project's first load its id is not known here, so any change moves it.
    /// </summary>
    public string VersionOf(string slug) => VersionOf(slug, live.TotalVersion);

    private string VersionOf(string slug, long total)
    {
        var edits = live.VersionOf(LiveTopic.Pages);
        if (!_projects.TryGetValue(slug, out var known))
        {
            return $"{edits}.t{total}";
        }

        var own = live.VersionOf(LiveTopic.Project(known.Id));
        return own == known.OwnVersionAtBase ? $"{edits}.{known.Base}" : $"{edits}.p{own}";
    }

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

    /// <summary>
    /// Learns a project's id at its first load. If nothing changed anywhere during that load, the version the
    /// load was cached under stays this project's version until its own topic moves; so the first copy is used.
    /// </summary>
    private void Learn(string slug, int id, long totalBefore)
    {
        if (_projects.ContainsKey(slug))
        {
            return;
        }

        // Own version before the total: publishers move the total first, so an unmoved total proves `own` is pre-change.
        var own = live.VersionOf(LiveTopic.Project(id));
        var unchanged = live.TotalVersion == totalBefore;
        _projects.TryAdd(slug, new Learned(id, own, unchanged ? $"t{totalBefore}" : $"p{own}"));
    }

    private sealed record Learned(int Id, long OwnVersionAtBase, string Base);
}
