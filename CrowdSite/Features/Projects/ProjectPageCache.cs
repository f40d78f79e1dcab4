using CrowdSite.Features.Ledger;
using Microsoft.Extensions.Caching.Memory;

namespace CrowdSite.Features.Projects;

/// <summary>
/// Keeps each project page's model in memory so a page view costs a render, not a dozen queries.
/// Any ledger change drops every cached model (the version moves on), and entries expire after a few
/// minutes anyway because "today" moves the trailing 30-day window. Whole-page HTML is not cached:
/// an interactive page carries a per-visitor antiforgery token and circuit descriptor.
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

    /// <summary>Drops every cached model: after a page edit or a new update, not only after money moves.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    private Task OnLedgerChanged(int projectId)
    {
        Invalidate();
        return Task.CompletedTask;
    }

    public void Dispose() => _ledger.Changed -= OnLedgerChanged;
}
