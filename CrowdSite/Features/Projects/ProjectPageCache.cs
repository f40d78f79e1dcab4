using System.Collections.Concurrent;
using CrowdSite.Features.Ledger;
using Microsoft.Extensions.Caching.Memory;

namespace CrowdSite.Features.Projects;

/// <summary>
/// Keeps each project page's model in memory so a page view costs a render, not a dozen queries.
/// A ledger change for a project drops its model (its version moves on), and entries expire after a few
/// minutes anyway because "today" moves the trailing 30-day window. The page's HTML for anonymous
/// visitors is cached on top of this, keyed on <see cref="VersionOf"/> (<see cref="ProjectPageOutputCache"/>).
/// </summary>
public sealed class ProjectPageCache : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly IMemoryCache _cache;
    private readonly InProcessLedgerNotifier _ledger;
    private readonly ConcurrentDictionary<string, Learned> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _changesOf = new();
    private long _version;
    private long _changes;

    public ProjectPageCache(IMemoryCache cache, InProcessLedgerNotifier ledger)
    {
        (_cache, _ledger) = (cache, ledger);
        _ledger.Changed += OnLedgerChanged;
    }

    public async Task<ProjectPageModel?> GetOrLoadAsync(string slug, Func<Task<ProjectPageModel?>> load)
    {
        var changesBefore = Interlocked.Read(ref _changes);
        var key = (nameof(ProjectPageCache), slug, VersionOf(slug, changesBefore));
        if (_cache.TryGetValue(key, out ProjectPageModel? model))
        {
            return model;
        }

        model = await load();
        if (model is not null)
        {
            // First load of this project: from now on only its own changes move its version. If nothing
            // changed anywhere during the load, the version reads as it did before it, so this copy stays in use.
            // Read in the opposite order to OnLedgerChanged's writes, so a change racing this line shows in one of the two.
            var ownChanges = _changesOf.GetValueOrDefault(model.Project.Id);
            var changesNow = Interlocked.Read(ref _changes);
            _projects.TryAdd(slug, new Learned(model.Project.Id, changesNow, ownChanges));
            _cache.Set(key, model, Lifetime);
        }

        return model;
    }

    /// <summary>
    /// Moves on whenever this project's model is dropped: money moved for it, or any page was edited,
    /// updated or registered. The project page's output cache is keyed on it.
    /// </summary>
    /// <remarks>
    /// Callers take the version before they load, so whatever they cache sits under a version no newer
    /// than its data. Before a project's first load its id is not known here, so any ledger change moves it.
    /// </remarks>
    public string VersionOf(string slug) => VersionOf(slug, Interlocked.Read(ref _changes));

    private string VersionOf(string slug, long changes) => _projects.TryGetValue(slug, out var known)
        ? $"{Interlocked.Read(ref _version)}.{known.Base}.{_changesOf.GetValueOrDefault(known.Id) - known.ChangesAtBase}"
        : $"{Interlocked.Read(ref _version)}.{changes}.0";

    /// <summary>Drops every cached model: after a page edit, a new update or a registration, not only after money moves.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    private Task OnLedgerChanged(int projectId)
    {
        // Only this project's page changes; a busy project's metering leaves the others cached.
        Interlocked.Increment(ref _changes);
        _changesOf.AddOrUpdate(projectId, 1, (_, v) => v + 1);
        return Task.CompletedTask;
    }

    public void Dispose() => _ledger.Changed -= OnLedgerChanged;

    /// <summary>A project's id, learned at its first load, and the counters its version counts from.</summary>
    private sealed record Learned(int Id, long Base, long ChangesAtBase);
}
