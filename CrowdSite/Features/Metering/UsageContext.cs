using CrowdSite.Data;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Metering;

/// <summary>What validation needs from the database, read in a few set-based queries.</summary>
internal sealed record UsageContext(
    IReadOnlyDictionary<string, Project> ProjectsBySlug,
    IReadOnlyDictionary<(int ProjectId, string Sha), Commit> Commits,
    IReadOnlyDictionary<string, Charge> Existing)
{
    public static async Task<UsageContext> LoadAsync(CrowdSiteDbContext db, IReadOnlyList<UsageCharge> charges, bool withExisting, CancellationToken ct)
    {
        var slugs = charges.Select(c => c.Project).OfType<string>().Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, ct);
        var shas = charges.Select(c => c.CommitSha).OfType<string>().Where(Commit.IsValidSha).Distinct().ToList();
        var repositories = projects.Values.Select(p => p.Repository).Distinct().ToList();
        var commits = new Dictionary<(int, string), Commit>();
        // One JSON array parameter per lookup, so a batch of 10,000 is a few queries.
        foreach (var commit in await db.Commits.AsNoTracking().Where(c => EF.Parameter(shas).Contains(c.Sha) && repositories.Contains(c.Repository)).ToListAsync(ct))
        {
            foreach (var project in projects.Values.Where(p => p.Repository == commit.Repository))
            {
                commits[(project.Id, commit.Sha)] = commit;
            }
        }

        var existing = withExisting
            ? await StoredChargesAsync(db, charges.Select(c => c.Id).OfType<string>().Distinct().ToList(), ct)
            : new Dictionary<string, Charge>();
        return new UsageContext(projects, commits, existing);
    }

    /// <summary>The charges already stored under these metering ids (one query: a JSON array parameter).</summary>
    public static async Task<Dictionary<string, Charge>> StoredChargesAsync(CrowdSiteDbContext db, List<string> ids, CancellationToken ct) =>
        await db.Charges.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.SourceId))
            .ToDictionaryAsync(c => c.SourceId, StringComparer.Ordinal, ct);
}
