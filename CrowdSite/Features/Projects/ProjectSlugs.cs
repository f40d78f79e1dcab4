using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Projects;

/// <summary>
/// Finding a project by its slug, the one way: exact and case-sensitive (the project page redirects /p/Takahe to
/// /p/takahe; nothing else guesses).
/// </summary>
public static class ProjectSlugs
{
    public static Task<Project?> FindBySlugAsync(this IQueryable<Project> projects, string slug, CancellationToken ct) =>
        projects.FirstOrDefaultAsync(p => p.Slug == slug, ct);

    /// <summary>The project at <paramref name="slug"/>, read without tracking; null when there is none.</summary>
    public static Task<Project?> ProjectBySlugAsync(this CrowdSiteDbContext db, string slug, CancellationToken ct) =>
        db.Projects.AsNoTracking().FindBySlugAsync(slug, ct);
}
