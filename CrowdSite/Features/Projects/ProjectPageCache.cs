using CrowdSite.Features.Ledger;
using Microsoft.Extensions.Caching.Memory;

namespace CrowdSite.Features.Projects;

/// <summary>
/// Keeps each project page's model in memory so a page view costs a render, not a dozen queries.
/// Any ledger change drops every cached model (the version moves on), and entries expire after a few
/// minutes anyway because "today" moves the trailing 30-day window. The page's HTML for anonymous
/// visitors is cached on top of this, keyed on <see cref="Version"/> (<see cref="ProjectPageOutputCache"/>).
/// </summary>
public sealed class ProjectPageCache : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly IMemoryCache _cache;
    private readonly InProcessLedgerNotifier _ledger;
    private long _version;

    public ProjectPageCache(IMemoryCache cache, InProcessLedgerNotifier ledger)
    {
        (_cache, _ledger) = (cache, ledger);
        _ledger.Changed += OnLedgerChanged;
    }

    public async Task<ProjectPageModel?> GetOrLoadAsync(string slug, Func<Task<ProjectPageModel?>> load)
    {
        var key = (nameof(ProjectPageCache), slug, Interlocked.Read(ref _version));
        if (_cache.TryGetValue(key, out ProjectPageModel? model))
        {
            return model;
        }

        model = await load();
        if (model is not null)
        {
            _cache.Set(key, model, Lifetime);
        }

        return model;
    }

    /// <summary>Moves on whenever the models are dropped; the project page's output cache is keyed on it.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Drops every cached model: after a page edit, a new update or a registration, not only after money moves.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    private Task OnLedgerChanged(int projectId)
    {
        Invalidate();
        return Task.CompletedTask;
    }

    public void Dispose() => _ledger.Changed -= OnLedgerChanged;
}
