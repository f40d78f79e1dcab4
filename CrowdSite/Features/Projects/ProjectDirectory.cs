using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Projects;

/// <summary>Reads projects and their figures.</summary>
public sealed class ProjectDirectory(IDbContextFactory<CrowdSiteDbContext> dbFactory, FiguresService figures)
{
    public async Task<IReadOnlyList<ProjectSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projects = await db.Projects.AsNoTracking().Where(p => p.Status != ProjectStatus.Archived).OrderBy(p => p.Name).ToListAsync(ct);
        if (projects.Count == 0)
        {
            return [];
        }

        var byId = await figures.ForProjectsAsync(projects.Select(p => p.Id).ToList(), projects[0].Currency, ct);
        return projects.Select(p => new ProjectSummary(p, byId[p.Id])).ToList();
    }

    public async Task<Project?> FindAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ProjectBySlugAsync(slug, ct);
    }

    public async Task<ProjectSummary?> SummaryAsync(string slug, CancellationToken ct = default) =>
        await FindAsync(slug, ct) is { } project
            ? new ProjectSummary(project, await figures.ForProjectAsync(project.Id, project.Currency, ct))
            : null;
}
