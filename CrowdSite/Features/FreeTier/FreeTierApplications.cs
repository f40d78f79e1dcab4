using System.Security.Claims;
using CrowdSite.Data;
using CrowdSite.Features.Maintainers;
using CrowdSite.Features.Projects;
using CrowdSite.Features.SignIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.FreeTier;

/// <summary>Applying (maintainers, for their own projects) and deciding (operators only), both checked here.</summary>
public sealed class FreeTierApplications(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    MaintainerService maintainers,
    ProjectPageCache pages,
    OperatorCheck operators,
    SignInSessions sessions,
    IOptions<FreeTierOptions> rules,
    TimeProvider time,
    ILogger<FreeTierApplications> logger)
{
    /// <summary>Null when accepted; otherwise why not.</summary>
    public async Task<string?> ApplyAsync(string slug, ClaimsPrincipal? user, string reason, CancellationToken ct = default)
    {
        user = await sessions.CurrentAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.ProjectBySlugAsync(slug, ct);
        if (project is null || !await maintainers.IsMaintainerAsync(project.Id, user, ct))
        {
            logger.LogWarning("Denied: {User} applied for the free tier for {Slug} without being its maintainer", user.GitHubUserId() ?? "anonymous", slug);
            return "Only this project's maintainers can apply for it.";
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1_000)
        {
            return "Say in a few words (at most 1,000 characters) why the project needs the free tier.";
        }

        if (project.Status == ProjectStatus.FreeTier)
        {
            return "The project is on the free tier already.";
        }

        if (await db.FreeTierApplications.AnyAsync(a => a.ProjectId == project.Id && a.Status == ApplicationStatus.Pending, ct))
        {
            return "An application for this project is waiting for an operator already.";
        }

        db.FreeTierApplications.Add(new FreeTierApplication
        {
            ProjectId = project.Id, Reason = reason.Trim(), ApplicantId = user.GitHubUserId()!,
            Status = ApplicationStatus.Pending, CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<IReadOnlyList<ApplicationView>> PendingAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await (from a in db.FreeTierApplications.AsNoTracking()
                       join p in db.Projects on a.ProjectId equals p.Id
                       where a.Status == ApplicationStatus.Pending
                       orderby a.CreatedAt
                       select new { a, p.Slug, p.Name }).ToListAsync(ct))
            .Select(x => new ApplicationView(x.a, x.Slug, x.Name)).ToList();
    }

    /// <summary>An operator approves (the project joins the free tier with a monthly cap) or declines, with a reason. Null when done.</summary>
    public async Task<string?> DecideAsync(int applicationId, ClaimsPrincipal? user, bool approve, string reason, long? monthlyCap = null, CancellationToken ct = default)
    {
        if (await operators.AllowAsync(user, "decide a free-tier application", ct) is not { } decider)
        {
            return "Only the platform's operators decide applications.";
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1_000)
        {
            return "Give the reason for the decision (at most 1,000 characters): it is public.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var application = await db.FreeTierApplications.FirstOrDefaultAsync(a => a.Id == applicationId && a.Status == ApplicationStatus.Pending, ct);
        if (application is null)
        {
            return "This application is not waiting for a decision.";
        }

        (application.Status, application.DecisionReason) = (approve ? ApplicationStatus.Approved : ApplicationStatus.Declined, reason.Trim());
        (application.DecidedBy, application.DecidedAt) = (decider.GitHubUserId(), time.GetUtcNow().UtcDateTime);
        if (approve)
        {
            var project = await db.Projects.FirstAsync(p => p.Id == application.ProjectId, ct);
            project.Status = ProjectStatus.FreeTier;
            project.FreeTierMonthlyCap = monthlyCap is >= 0 ? monthlyCap : rules.Value.MonthlyCap;
        }

        await db.SaveChangesAsync(ct);
        pages.Invalidate();
        return null;
    }
}
