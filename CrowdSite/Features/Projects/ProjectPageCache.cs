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
    private readonly ConcurrentDictionary<int, string> _slugs = new();
    private readonly ConcurrentDictionary<string, long> _projectVersions = new(StringComparer.Ordinal);
    private long _version;

    public ProjectPageCache(IMemoryCache cache, InProcessLedgerNotifier ledger)
    {
        (_cache, _ledger) = (cache, ledger);
        _ledger.Changed += OnLedgerChanged;
    }

    public async Task<ProjectPageModel?> GetOrLoadAsync(string slug, Func<Task<ProjectPageModel?>> load)
    {
        var key = (nameof(ProjectPageCache), slug, VersionOf(slug));
        if (_cache.TryGetValue(key, out ProjectPageModel? model))
        {
            return model;
        }

        model = await load();
        if (model is not null)
        {
            _slugs[model.Project.Id] = model.Project.Slug;
            _cache.Set(key, model, Lifetime);
        }

        return model;
    }

    /// <summary>
    /// Moves on whenever this project's model is dropped: money moved for it, or any page was edited,
    /// updated or registered. The project page's output cache is keyed on it.
    /// </summary>
    public string VersionOf(string slug) => $"{Interlocked.Read(ref _version)}.{_projectVersions.GetValueOrDefault(slug)}";

    /// <summary>Drops every cached model: after a page edit, a new update or a registration, not only after money moves.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    private Task OnLedgerChanged(int projectId)
    {
        // Only this project's page changes; a busy project's metering leaves the others cached.
        // A project never loaded has no cached model (and no cached page) to drop.
        if (_slugs.TryGetValue(projectId, out var slug))
        {
            _projectVersions.AddOrUpdate(slug, 1, (_, v) => v + 1);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _ledger.Changed -= OnLedgerChanged;
}
