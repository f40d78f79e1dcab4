using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.SignIn;

/// <summary>
/// The one check that a person is one of the platform's operators (Operators:GitHubUserIds): against their live
/// session, before every operator action whatever the page showed, with the one log line for a denial.
/// </summary>
public sealed class OperatorCheck(IOptions<OperatorsOptions> operators, SignInSessions sessions, ILogger<OperatorCheck> logger)
{
    /// <summary>Whether a page shows operator tools to <paramref name="user"/>; the actions check again with <see cref="AllowAsync"/>.</summary>
    public bool IsOperator(ClaimsPrincipal? user) => operators.Value.IsOperator(user);

    /// <summary>The person as their session stands now when they are an operator; otherwise null, and the denial logged.</summary>
    public async Task<ClaimsPrincipal?> AllowAsync(ClaimsPrincipal? user, string action, CancellationToken ct)
    {
        var current = await sessions.CurrentAsync(user, ct);
        if (operators.Value.IsOperator(current))
        {
            return current;
        }

        logger.LogWarning("Denied: {User} tried to {Action} without being an operator", current.GitHubUserId() ?? "anonymous", action);
        return null;
    }
}
