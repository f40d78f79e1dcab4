using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace CrowdSite.Features.SignIn;

/// <summary>
/// An open page (circuit) re-checks its person's session twice a minute, so a page left open after signing out
/// elsewhere turns signed-out by itself. Services check again before every change, so nothing waits for this.
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory loggerFactory, SignInSessions sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        state.User.Identity?.IsAuthenticated != true || await sessions.IsActiveAsync(state.User, cancellationToken);
}
