using System.Collections.Concurrent;

namespace CrowdSite.Features.Projects;

/// <summary>
/// A project's id by its slug. A slug is fixed at registration, so each is asked of the database once per instance;
/// a slug with no project is asked again each time (it may be registered later, and unknown ones are not kept).
/// </summary>
public sealed class ProjectIds(Func<string, CancellationToken, Task<int?>> find)
{
    private readonly ConcurrentDictionary<string, int> _known = new(StringComparer.Ordinal);

    public async ValueTask<int?> OfAsync(string slug, CancellationToken ct = default)
    {
        if (_known.TryGetValue(slug, out var id))
        {
            return id;
        }

        var found = await find(slug, ct);
        if (found is { } value)
        {
            _known.TryAdd(slug, value);
        }

        return found;
    }
}
