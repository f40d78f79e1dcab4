using System.Security.Claims;

namespace CrowdSite.Features.SignIn;

public static class SignedInUser
{
    /// <summary>The signed-in person's GitHub user id (the site's identity for everyone), or null when signed out.</summary>
    public static string? GitHubUserId(this ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;
}
