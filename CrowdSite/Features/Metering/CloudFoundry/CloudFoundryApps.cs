using CrowdSite.Data;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>Which Cloud Foundry apps a project pays for: set by the platform's operator.</summary>
public sealed class CloudFoundryApps(IDbContextFactory<CrowdSiteDbContext> dbFactory)
{
    public async Task<(AppBinding? Result, Dictionary<string, string[]> Errors)> SetAsync(string slug, IReadOnlyList<string> appGuids, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.ProjectBySlugAsync(slug, ct);
        if (project is null)
        {
            errors["project"] = [MeteringMessages.UnknownProject(slug)];
            return (null, errors);
        }

        var guids = appGuids.Select(g => g.Trim()).Distinct().ToList();
        if (guids.Any(g => g.Length is 0 or > 64))
        {
            errors["appGuids"] = ["App GUIDs are 1 to 64 characters."];
            return (null, errors);
        }

        var taken = await db.CloudFoundryApps.Where(a => guids.Contains(a.AppGuid) && a.ProjectId != project.Id).Select(a => a.AppGuid).ToListAsync(ct);
        if (taken.Count > 0)
        {
            errors["appGuids"] = [$"Already bound to another project: {string.Join(", ", taken)}."];
            return (null, errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.CloudFoundryApps.Where(a => a.ProjectId == project.Id).ExecuteDeleteAsync(ct);
        db.CloudFoundryApps.AddRange(guids.Select(g => new CloudFoundryApp { AppGuid = g, ProjectId = project.Id }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (new AppBinding(guids), errors);
    }
}
