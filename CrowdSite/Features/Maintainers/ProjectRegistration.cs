using System.Security.Claims;
using System.Text.RegularExpressions;
using CrowdSite.Data;
using CrowdSite.Features.Platform;
using CrowdSite.Features.Projects;
using CrowdSite.Features.SignIn;
using CrowdSite.Infrastructure.GitHub;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Octokit;

namespace CrowdSite.Features.Maintainers;

/// <summary>
/// Registers a project from a public GitHub repository the signed-in person administers (admin or maintain),
/// checked through Octokit with their own token. One repository, one project.
/// </summary>
public sealed partial class ProjectRegistration(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    IOptions<GitHubOptions> github,
    IOptions<PlatformOptions> platform,
    TimeProvider time,
    ProjectPageCache pages,
    SignInSessions sessions,
    ILogger<ProjectRegistration> logger)
{
    public static string? TokenOf(ClaimsPrincipal? user) => user?.FindFirst(SignInFeature.GitHubTokenClaim)?.Value;

    public async Task<IReadOnlyList<CandidateRepository>> CandidatesAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (TokenOf(user) is not { } token)
        {
            return [];
        }

        var repositories = await Client(token).Repository.GetAllForCurrent(new RepositoryRequest { Visibility = RepositoryRequestVisibility.Public });
        return repositories.Where(r => !r.Archived && r.Permissions is { } p && (p.Admin || p.Maintain))
            .Select(r => new CandidateRepository(r.FullName, r.Description)).OrderBy(r => r.FullName).ToList();
    }

    public async Task<RegistrationResult> RegisterAsync(ClaimsPrincipal user, string repository, CancellationToken ct = default)
    {
        user = await sessions.CurrentAsync(user, ct);
        if (user.GitHubUserId() is not { } userId)
        {
            return new(null, "Sign in first.");
        }

        if (TokenOf(user) is not { } token)
        {
            return new(null, "Registering a project checks your permission on GitHub: sign in with GitHub (this site has no GitHub sign-in configured, or you used the development sign-in).");
        }

        var (found, notFound) = await FindAsync(token, repository);
        if (found is null)
        {
            return new(null, notFound);
        }

        if (Refusal(found, userId) is { } refusal)
        {
            return new(null, refusal);
        }

        return await CreateAsync(found, userId, user.FindFirst(ClaimTypes.Email)?.Value, ct);
    }

    /// <summary>The repository on GitHub as the person sees it, or why there is none.</summary>
    private async Task<(Repository? Found, string? Error)> FindAsync(string token, string repository)
    {
        if (RepositoryName().Match(repository.Trim()) is not { Success: true } name)
        {
            return (null, "Enter the repository as owner/name, e.g. octo-org/octo-app.");
        }

        try
        {
            return (await Client(token).Repository.Get(name.Groups["owner"].Value, name.Groups["name"].Value), null);
        }
        catch (NotFoundException)
        {
            return (null, $"GitHub has no repository {repository} that you can see.");
        }
    }

    /// <summary>Why the person may not register the repository here; null when they may.</summary>
    private string? Refusal(Repository found, string userId)
    {
        if (found.Private)
        {
            return $"{found.FullName} is private. Only public code runs here, so donors can read every line their money runs.";
        }

        if (found.Archived)
        {
            return $"{found.FullName} is archived: nothing new would run from it.";
        }

        if (found.Permissions is not { } permissions || !(permissions.Admin || permissions.Maintain))
        {
            logger.LogWarning("Denied: user {User} tried to register {Repository} without admin or maintain permission", userId, found.FullName);
            return $"You need admin or maintain permission on {found.FullName} to register it.";
        }

        return null;
    }

    private async Task<RegistrationResult> CreateAsync(Repository repository, string userId, string? verifiedEmail, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Projects.AnyAsync(p => p.Repository == repository.FullName || p.GitHubRepositoryId == repository.Id, ct))
        {
            return new(null, $"{repository.FullName} is already a project here: one repository, one project.");
        }

        var slug = await UniqueSlugAsync(db, repository.Name, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var project = new Projects.Project
        {
            Slug = slug, Name = repository.Name, Repository = repository.FullName, GitHubRepositoryId = repository.Id,
            Tagline = Projects.Commit.Fit(repository.Description ?? "", 200),
            Currency = platform.Value.Currency, CreatedAt = now, Status = ProjectStatus.Active, WebsiteUrl = SafeHomepage(repository.Homepage),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        db.ProjectMaintainers.Add(new ProjectMaintainer { ProjectId = project.Id, GitHubUserId = userId, AddedAt = now });
        await Alerts.MaintainerAlerts.FollowAsync(db, project.Id, verifiedEmail, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        pages.Invalidate(); // a visitor may have asked for this address before it existed
        return new(project, null);
    }

    private static async Task<string> UniqueSlugAsync(CrowdSiteDbContext db, string name, CancellationToken ct)
    {
        var root = SlugChars().Replace(name.ToLowerInvariant(), "-").Trim('-');
        root = root.Length == 0 ? "project" : root[..Math.Min(root.Length, 50)];
        var taken = await db.Projects.Where(p => p.Slug == root || p.Slug.StartsWith(root + "-")).Select(p => p.Slug).ToListAsync(ct);
        var slug = root;
        for (var i = 2; taken.Contains(slug); i++)
        {
            slug = $"{root}-{i}";
        }

        return slug;
    }

    private static string? SafeHomepage(string? url) => SafeUrl.IsValid(url) ? url : null;

    private GitHubClient Client(string token) => GitHubClients.Create(github.Value.ApiBase, token);

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9][A-Za-z0-9-]{0,38})/(?<name>[A-Za-z0-9._-]{1,100})$")]
    private static partial Regex RepositoryName();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugChars();
}
