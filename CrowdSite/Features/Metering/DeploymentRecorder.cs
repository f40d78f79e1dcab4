using CrowdSite.Data;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Metering;

/// <summary>
/// Records deployments (shared with the GitHub webhook's): idempotent on (project, commit, start), and the
/// deployment running before is ended where the new one starts.
/// </summary>
public sealed class DeploymentRecorder(IDbContextFactory<CrowdSiteDbContext> dbFactory)
{
    public async Task<(DeploymentResult? Result, Dictionary<string, string[]> Errors)> RecordAsync(DeploymentReport report, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (project, commit, errors) = await ValidateAsync(db, report, ct);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (await RecordAsync(db, project!, commit!, report.StartedAt!.Value.UtcDateTime, ct), errors);
    }

    /// <summary>The report's project and commit (the commit known in the project's repository), or what is wrong with it.</summary>
    private static async Task<(Project? Project, Commit? Commit, Dictionary<string, string[]> Errors)> ValidateAsync(
        CrowdSiteDbContext db, DeploymentReport report, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var project = report.Project is { } slug ? await db.ProjectBySlugAsync(slug, ct) : null;
        if (project is null)
        {
            errors["project"] = [MeteringMessages.UnknownProject(report.Project)];
        }

        Commit? commit = null;
        if (!Commit.IsValidSha(report.CommitSha))
        {
            errors["commitSha"] = [MeteringMessages.InvalidCommitSha];
        }
        else if (project is not null)
        {
            commit = await db.Commits.AsNoTracking().FirstOrDefaultAsync(c => c.Repository == project.Repository && c.Sha == report.CommitSha, ct);
            if (commit is null)
            {
                errors["commitSha"] = [MeteringMessages.UnknownCommit(report.CommitSha, project.Repository)];
            }
        }

        if (report.StartedAt is null)
        {
            errors["startedAt"] = ["startedAt is required (ISO 8601)."];
        }

        return (project, commit, errors);
    }

    /// <summary>Adds the deployment once, ending the one before where it starts and ending it where the next one starts.</summary>
    private static async Task<DeploymentResult> RecordAsync(CrowdSiteDbContext db, Project project, Commit commit, DateTime startedAt, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Deployments.FirstOrDefaultAsync(d => d.ProjectId == project.Id && d.CommitId == commit.Id && d.StartedAt == startedAt, ct);
        if (existing is not null)
        {
            return new DeploymentResult(existing.Id, project.Slug, commit.Sha, startedAt, Created: false);
        }

        var before = await db.Deployments.Where(d => d.ProjectId == project.Id && d.StartedAt < startedAt)
            .OrderByDescending(d => d.StartedAt).FirstOrDefaultAsync(ct);
        var after = await db.Deployments.Where(d => d.ProjectId == project.Id && d.StartedAt > startedAt)
            .OrderBy(d => d.StartedAt).FirstOrDefaultAsync(ct);
        if (before is not null && (before.EndedAt is null || before.EndedAt > startedAt))
        {
            before.EndedAt = startedAt;
        }

        var deployment = new Deployment { ProjectId = project.Id, CommitId = commit.Id, StartedAt = startedAt, EndedAt = after?.StartedAt };
        db.Deployments.Add(deployment);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new DeploymentResult(deployment.Id, project.Slug, commit.Sha, startedAt, Created: true);
    }
}
