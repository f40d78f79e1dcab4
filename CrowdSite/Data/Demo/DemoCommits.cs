using System.Text.Json;

namespace CrowdSite.Data.Demo;

internal static class DemoCommits
{
    /// <summary>Commits by repository ("owner/name"), oldest first, from the embedded commits.json.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<DemoCommit>> Load()
    {
        using var stream = typeof(DemoCommits).Assembly.GetManifestResourceStream("CrowdSite.Data.Demo.commits.json")
            ?? throw new InvalidOperationException("The demo's commits.json is not embedded.");
        var byRepo = JsonSerializer.Deserialize<Dictionary<string, List<DemoCommit>>>(stream, JsonSerializerOptions.Web) ?? [];
        return byRepo.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<DemoCommit>)kv.Value.OrderBy(c => c.CommittedAt).ToList(),
            StringComparer.OrdinalIgnoreCase);
    }
}
