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
    protected override async ValueTask ProcessPushWebhookAsync(WebhookHeaders headers, PushEvent pushEvent, CancellationToken cancellationToken)
    {
        var repository = pushEvent.Repository?.FullName;
        var deployBranch = $"refs/heads/{pushEvent.Repository?.DefaultBranch}";
        if (repository is null || pushEvent.Ref != deployBranch || pushEvent.Deleted)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Projects.AnyAsync(p => p.Repository == repository, cancellationToken))
        {
            return;
        }

        var commits = pushEvent.Commits.Where(c => Commit.IsValidSha(c.Id)).Select(c => new Commit
        {
            Repository = repository, Sha = c.Id, Message = Commit.Fit(c.Message ?? "", 1_000), Author = c.Author?.Name,
            CommittedAt = DateTimeOffset.TryParse(c.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at.UtcDateTime : null,
        }).ToList();
        var added = await CommitUpserts.AddMissingAsync(dbFactory, repository, commits, cancellationToken);
        logger.LogInformation("Push to {Repository}: {Count} new commits recorded (not verified yet)", repository, added);
    }

    protected override async ValueTask ProcessDeploymentStatusWebhookAsync(
        WebhookHeaders headers, DeploymentStatusEvent deploymentStatusEvent, DeploymentStatusAction action, CancellationToken cancellationToken)
    {
        var repository = deploymentStatusEvent.Repository?.FullName;
        var sha = deploymentStatusEvent.Deployment?.Sha;
        if (repository is null || !Commit.IsValidSha(sha) || deploymentStatusEvent.DeploymentStatus?.State.StringValue != "success")
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Repository == repository, cancellationToken);
        if (project is null)
        {
            return;
        }

        await CommitUpserts.AddMissingAsync(dbFactory, repository, [new Commit { Repository = repository, Sha = sha! }], cancellationToken);

        var (_, errors) = await deployments.RecordAsync(new DeploymentReport(project.Slug, sha, deploymentStatusEvent.DeploymentStatus.CreatedAt), cancellationToken);
        if (errors.Count > 0)
        {
            logger.LogWarning("Deployment status for {Repository}@{Sha} not recorded: {Errors}", repository, sha, string.Join("; ", errors.SelectMany(e => e.Value)));
        }
    }

}
