using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Alerts;

/// <summary>
/// Maintainers get their projects' runway alerts by default: when a person becomes a project's maintainer (they
/// register it, or the demo is seeded) with an address GitHub verified, they follow its runway alerts, confirmed
/// already (GitHub confirmed the address). Every message still carries a one-click unsubscribe, and this is done
/// once, at that moment: an unsubscribe is never undone by a later sign-in.
/// </summary>
public static class MaintainerAlerts
{
    /// <summary>Stages the follower in <paramref name="db"/> (the caller saves it with the rest of its change).</summary>
    public static async Task FollowAsync(CrowdSiteDbContext db, int projectId, string? verifiedEmail, DateTime now, CancellationToken ct)
    {
        if (FollowService.Normalize(verifiedEmail) is not { } address
            || await db.Followers.AnyAsync(f => f.ProjectId == projectId && f.Email == address, ct))
        {
            return;
        }

        db.Followers.Add(new Follower
        {
            ProjectId = projectId, Email = address, Token = FollowService.NewToken(), RunwayAlerts = true, UpdateAlerts = false,
            CreatedAt = now, ConfirmedAt = now,
        });
    }
}
