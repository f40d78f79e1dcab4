using System.Security.Claims;

namespace CrowdSite.Features.SignIn;

/// <summary>The platform's operators (section "Operators"): GitHub user ids who approve free-tier projects and run allocations.</summary>
public sealed class OperatorsOptions
{
    public const string Section = "Operators";

    public string[] GitHubUserIds { get; set; } = [];

    public bool IsOperator(ClaimsPrincipal? user) =>
        user.GitHubUserId() is { } id && GitHubUserIds.Contains(id);
}
