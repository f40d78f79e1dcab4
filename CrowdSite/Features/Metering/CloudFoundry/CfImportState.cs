using CrowdSite.Data;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>The importer's memory: which apps are whose, what runs, what was seen, and the projects' deployments.</summary>
internal sealed class CfImportState
{
    private readonly HashSet<string> _seen;
    private readonly List<(string Guid, DateTime CreatedAt)> _newlySeen = [];
    private readonly HashSet<string> _loadedRunKeys;
    private readonly Dictionary<int, List<Deployment>> _deployments;

    private CfImportState(Dictionary<string, int> apps, Dictionary<string, CloudFoundryRun> runs, HashSet<string> seen,
        Dictionary<int, List<Deployment>> deployments, Dictionary<int, Project> projects)
    {
        (Apps, Runs, _seen, _deployments, Projects) = (apps, runs, seen, deployments, projects);
        _loadedRunKeys = [.. runs.Keys];
    }

    public Dictionary<string, int> Apps { get; }
    public Dictionary<string, CloudFoundryRun> Runs { get; }
    public Dictionary<int, Project> Projects { get; }

    public static async Task<CfImportState> LoadAsync(CrowdSiteDbContext db, IReadOnlyList<CfUsageEvent> events, CancellationToken ct)
    {
        var guids = events.Select(e => e.Guid!).ToList();
        var seen = new HashSet<string>(await db.CloudFoundryEvents.Where(e => guids.Contains(e.Guid)).Select(e => e.Guid).ToListAsync(ct));
        var appGuids = events.Select(e => e.App!.Guid!).Distinct().ToList();
        var apps = await db.CloudFoundryApps.Where(a => appGuids.Contains(a.AppGuid)).ToDictionaryAsync(a => a.AppGuid, a => a.ProjectId, ct);
        var projectIds = apps.Values.Distinct().ToList();
        var runs = await db.CloudFoundryRuns.AsNoTracking().Where(r => projectIds.Contains(r.ProjectId)).ToDictionaryAsync(r => r.Key, ct);
        var deployments = (await db.Deployments.AsNoTracking().Include(d => d.Commit).Where(d => projectIds.Contains(d.ProjectId)).ToListAsync(ct))
            .GroupBy(d => d.ProjectId).ToDictionary(g => g.Key, g => g.OrderBy(d => d.StartedAt).ToList());
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return new CfImportState(apps, runs, seen, deployments, projects);
    }

    public IReadOnlyList<Deployment> DeploymentsOf(int projectId) => _deployments.GetValueOrDefault(projectId) ?? [];

    /// <summary>False when the event was imported before (or earlier in this page).</summary>
    public bool MarkSeen(string guid, DateTime createdAt)
    {
        if (!_seen.Add(guid))
        {
            return false;
        }

        _newlySeen.Add((guid, createdAt));
        return true;
    }

    /// <summary>Stages the new state in the ledger's transaction: seen events, and the open runs replacing the old.</summary>
    public async Task SaveAsync(CrowdSiteDbContext db, DateTime now, CancellationToken ct)
    {
        var touched = _loadedRunKeys.Union(Runs.Keys).ToList();
        await db.CloudFoundryRuns.Where(r => touched.Contains(r.Key)).ExecuteDeleteAsync(ct);
        db.CloudFoundryRuns.AddRange(Runs.Values.Select(r => new CloudFoundryRun
        {
            Key = r.Key, ProjectId = r.ProjectId, StartedAt = r.StartedAt, Instances = r.Instances, MemoryMb = r.MemoryMb,
        }));
        db.CloudFoundryEvents.AddRange(_newlySeen.Select(e => new CloudFoundryEvent { Guid = e.Guid, CreatedAt = e.CreatedAt, ImportedAt = now }));
    }
}
