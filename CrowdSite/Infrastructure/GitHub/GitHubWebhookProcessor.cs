using System.Globalization;
using CrowdSite.Data;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.DeploymentStatus;

namespace CrowdSite.Infrastructure.GitHub;

/// <summary>
/// What GitHub's webhooks tell us: pushes to a project's deploy branch bring its new commits (to be
/// verified), and successful deployment statuses say which commit runs from when.
/// </summary>
public sealed class GitHubWebhookProcessor(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    DeploymentRecorder deployments,
    ILogger<GitHubWebhookProcessor> logger) : WebhookEventProcessor
{
    protected override async ValueTask ProcessPushWebhookAsync(WebhookHeaders headers, PushEvent push, CancellationToken ct)
    {
        var repository = push.Repository?.FullName;
        var deployBranch = $"refs/heads/{push.Repository?.DefaultBranch}";
        if (repository is null || push.Ref != deployBranch || push.Deleted)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Projects.AnyAsync(p => p.Repository == repository, ct))
        {
            return;
        }

        var commits = push.Commits.Where(c => Commit.IsValidSha(c.Id)).Select(c => new Commit
        {
            Repository = repository, Sha = c.Id, Message = Commit.Fit(c.Message ?? "", 1_000), Author = c.Author?.Name,
            CommittedAt = DateTimeOffset.TryParse(c.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at.UtcDateTime : null,
        }).ToList();
        var added = await CommitUpserts.AddMissingAsync(dbFactory, repository, commits, ct);
        logger.LogInformation("Push to {Repository}: {Count} new commits recorded (not verified yet)", repository, added);
    }

    protected override async ValueTask ProcessDeploymentStatusWebhookAsync(
        WebhookHeaders headers, DeploymentStatusEvent status, DeploymentStatusAction action, CancellationToken ct)
    {
        var repository = status.Repository?.FullName;
        var sha = status.Deployment?.Sha;
        if (repository is null || !Commit.IsValidSha(sha) || status.DeploymentStatus?.State.StringValue != "success")
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Repository == repository, ct);
        if (project is null)
        {
            return;
        }

        await CommitUpserts.AddMissingAsync(dbFactory, repository, [new Commit { Repository = repository, Sha = sha! }], ct);

        var (_, errors) = await deployments.RecordAsync(new DeploymentReport(project.Slug, sha, status.DeploymentStatus.CreatedAt), ct);
        if (errors.Count > 0)
        {
            logger.LogWarning("Deployment status for {Repository}@{Sha} not recorded: {Errors}", repository, sha, string.Join("; ", errors.SelectMany(e => e.Value)));
        }
    }

}
