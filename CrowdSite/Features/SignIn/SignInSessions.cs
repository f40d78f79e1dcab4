using System.Security.Claims;
using System.Security.Cryptography;
using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.SignIn;

/// <summary>
/// Server-side sessions: signing out ends the session in the database, so a copy of the old cookie (or an open
/// page still holding the old identity) no longer acts as that person. Checked by the cookie handler on every
/// request, by the circuits' revalidation, and by every service before it changes anything for a person.
/// </summary>
public sealed class SignInSessions(IDbContextFactory<CrowdSiteDbContext> dbFactory, TimeProvider time)
{
    public const string SessionClaim = "urn:crowdsite:session";

    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    /// <summary>Starts a session for the person signing in and names it in their identity (so in the cookie).</summary>
    public async Task StartAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (principal.Identity is not ClaimsIdentity identity || principal.GitHubUserId() is not { } userId)
        {
            return;
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.SignInSessions.Add(new SignInSession { Id = id, GitHubUserId = userId, StartedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        foreach (var old in identity.FindAll(SessionClaim).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(SessionClaim, id));
    }

    /// <summary>True when <paramref name="user"/> is signed in through a session that has not ended.</summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal? user, CancellationToken ct = default)
    {
        if (user.GitHubUserId() is not { } userId || user!.FindFirst(SessionClaim)?.Value is not { } id)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SignInSessions.AnyAsync(s => s.Id == id && s.GitHubUserId == userId && s.EndedAt == null, ct);
    }

    /// <summary><paramref name="user"/> if their session is live, otherwise an anonymous person: what services authorize changes against.</summary>
    public async Task<ClaimsPrincipal> CurrentAsync(ClaimsPrincipal? user, CancellationToken ct = default) =>
        await IsActiveAsync(user, ct) ? user! : Anonymous;

    public async Task EndAsync(ClaimsPrincipal? user, CancellationToken ct = default)
    {
        if (user?.FindFirst(SessionClaim)?.Value is not { } id)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.SignInSessions.Where(s => s.Id == id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, time.GetUtcNow().UtcDateTime), ct);
    }
}
