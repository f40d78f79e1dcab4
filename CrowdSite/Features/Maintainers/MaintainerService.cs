using System.Security.Claims;
using CrowdSite.Data;
using CrowdSite.Features.SignIn;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Maintainers;

/// <summary>
/// Page edits and updates. Authorization happens here, for every call, whatever the page showed: a
/// maintainer of one project cannot change another through any route or circuit event. Denials are logged.
/// </summary>
public sealed class MaintainerService(
    IDbContextFactory<CrowdSiteDbContext> dbFactory, ProjectPageCache pages, SignInSessions sessions, TimeProvider time, ILogger<MaintainerService> logger,
    Alerts.OutboxSignal outbox)
{
    public async Task<bool> IsMaintainerAsync(int projectId, ClaimsPrincipal? user, CancellationToken ct = default)
    {
        if (user.GitHubUserId() is not { } id)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await IsMaintainerAsync(db, projectId, id, ct);
    }

    private static Task<bool> IsMaintainerAsync(CrowdSiteDbContext db, int projectId, string? userId, CancellationToken ct) =>
        userId is null ? Task.FromResult(false) : db.ProjectMaintainers.AnyAsync(m => m.ProjectId == projectId && m.GitHubUserId == userId, ct);

    /// <summary>
    /// The project behind <paramref name="slug"/> if <paramref name="user"/> maintains it, read with <paramref name="db"/>;
    /// otherwise the outcome to return (not found, or forbidden after <paramref name="logDenial"/> logs who was denied).
    /// </summary>
    private static async Task<(Project? Project, EditResult? Refusal)> MaintainedProjectAsync(
        CrowdSiteDbContext db, IQueryable<Project> projects, string slug, ClaimsPrincipal? user, Action<string> logDenial, CancellationToken ct)
    {
        var project = await projects.FindBySlugAsync(slug, ct);
        if (project is null)
        {
            return (null, new EditResult(EditOutcome.NotFound));
        }

        if (!await IsMaintainerAsync(db, project.Id, user.GitHubUserId(), ct))
        {
            logDenial(user.GitHubUserId() ?? "anonymous");
            return (null, new EditResult(EditOutcome.Forbidden));
        }

        return (project, null);
    }

    /// <summary>Saves the page if <paramref name="expectedStamp"/> is still current: a second maintainer saving over the first gets a conflict.</summary>
    public async Task<EditResult> EditAsync(string slug, ClaimsPrincipal? user, ProjectEdit edit, Guid expectedStamp, CancellationToken ct = default)
    {
        user = await sessions.CurrentAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (project, refusal) = await MaintainedProjectAsync(db, db.Projects, slug, user,
            u => logger.LogWarning("Denied: user {User} tried to edit project {Slug} without being its maintainer", u, slug), ct);
        if (project is null)
        {
            return refusal!;
        }

        var errors = Validate(edit);
        if (errors.Count > 0)
        {
            return new EditResult(EditOutcome.Invalid, Errors: errors);
        }

        // The stamp is the concurrency token: the UPDATE only matches if nobody saved since this form was loaded.
        db.Entry(project).Property(p => p.ConcurrencyStamp).OriginalValue = expectedStamp;
        (project.Tagline, project.Category, project.Description) = (edit.Tagline.Trim(), edit.Category.Trim(), edit.Description);
        (project.WebsiteUrl, project.LogoUrl) = (Blank(edit.WebsiteUrl), Blank(edit.LogoUrl));
        project.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
            pages.Invalidate();
            return new EditResult(EditOutcome.Saved, project.ConcurrencyStamp);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new EditResult(EditOutcome.Conflict);
        }
    }

    public async Task<EditResult> PostUpdateAsync(string slug, ClaimsPrincipal? user, string title, string body, CancellationToken ct = default)
    {
        user = await sessions.CurrentAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (project, refusal) = await MaintainedProjectAsync(db, db.Projects.AsNoTracking(), slug, user,
            u => logger.LogWarning("Denied: user {User} tried to post an update to {Slug} without being its maintainer", u, slug), ct);
        if (project is null)
        {
            return refusal!;
        }

        var errors = ValidateUpdate(title, body);
        if (errors.Count > 0)
        {
            return new EditResult(EditOutcome.Invalid, Errors: errors);
        }

        var update = new ProjectUpdate
        {
            ProjectId = project.Id, Title = title.Trim(), Body = body, AuthorId = user.GitHubUserId()!,
            AuthorName = user!.FindFirst(SignInFeature.GitHubNameClaim)?.Value ?? user.Identity!.Name ?? "maintainer",
            PublishedAt = time.GetUtcNow().UtcDateTime,
        };
        await AddWithAlertsAsync(db, update, ct);
        outbox.Pulse();
        pages.Invalidate();
        return new EditResult(EditOutcome.Saved);
    }

    private static Dictionary<string, string> ValidateUpdate(string title, string body)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(title) || title.Length > 200)
        {
            errors["title"] = "A title of 1 to 200 characters.";
        }

        if (string.IsNullOrWhiteSpace(body) || body.Length > 20_000)
        {
            errors["body"] = "Some text, at most 20,000 characters.";
        }

        return errors;
    }

    /// <summary>The followers' emails are queued in the same transaction as the update: both or neither.</summary>
    private static async Task AddWithAlertsAsync(CrowdSiteDbContext db, ProjectUpdate update, CancellationToken ct)
    {
        db.ProjectUpdates.Add(update);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await Alerts.AlertOutbox.QueueUpdateAsync(db, update, update.PublishedAt, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<ProjectUpdate>> UpdatesAsync(int projectId, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ProjectUpdates.AsNoTracking().Where(u => u.ProjectId == projectId)
            .OrderByDescending(u => u.PublishedAt).ThenByDescending(u => u.Id).Take(take).ToListAsync(ct);
    }

    private static Dictionary<string, string> Validate(ProjectEdit edit)
    {
        var errors = new Dictionary<string, string>();
        if (edit.Tagline.Length > 200)
        {
            errors["tagline"] = "At most 200 characters.";
        }

        if (string.IsNullOrWhiteSpace(edit.Category) || edit.Category.Length > 50)
        {
            errors["category"] = "A category of 1 to 50 characters.";
        }

        if (edit.Description.Length > 20_000)
        {
            errors["description"] = "At most 20,000 characters.";
        }

        foreach (var (field, url) in new[] { ("websiteUrl", edit.WebsiteUrl), ("logoUrl", edit.LogoUrl) })
        {
            if (Blank(url) is { } value && !SafeUrl.IsValid(value))
            {
                errors[field] = "An https:// address (at most 500 characters).";
            }
        }

        return errors;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
