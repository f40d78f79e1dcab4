using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using CrowdSite.Infrastructure.GitHub;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;

namespace CrowdSite.Features.SignIn;

/// <summary>
/// Sign-in: "Sign in with GitHub" (ASP.NET Core's OAuth handler, then a cookie) when GitHub:ClientId and
/// GitHub:ClientSecret are set; otherwise, and only in Development, a clearly labelled development sign-in.
/// People are identified by GitHub's numeric user id, never the login name.
/// </summary>
public static class SignInFeature
{
    public const string GitHubScheme = "GitHub";
    public const string GitHubNameClaim = "urn:github:name";

    /// <summary>The person's GitHub token (read:user), kept inside the encrypted sign-in cookie for calls made on their behalf.</summary>
    public const string GitHubTokenClaim = "urn:github:access_token";

    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        var github = builder.Configuration.GetSection(GitHubOptions.Section).Get<GitHubOptions>() ?? new GitHubOptions();
        var auth = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "crowdsite.auth";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/signin";
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.Events = SessionEvents();
            });
        if (github.SignInEnabled)
        {
            auth.AddOAuth(GitHubScheme, o => ConfigureGitHub(o, github));
        }

        builder.Services.AddSingleton<SignInSessions>();
        builder.Services.AddOptions<OperatorsOptions>().BindConfiguration(OperatorsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<OperatorsOptions>, OperatorsOptionsValidator>();
        builder.Services.AddSingleton<OperatorCheck>();
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        return builder;
    }

    /// <summary>Every cookie names a server-side session: started at sign-in, checked on each request, ended at sign-out.</summary>
    private static CookieAuthenticationEvents SessionEvents() => new()
    {
        OnSigningIn = context => Sessions(context.HttpContext).StartAsync(context.Principal!, context.HttpContext.RequestAborted),
        OnValidatePrincipal = ValidateSessionAsync,
        OnSigningOut = context => Sessions(context.HttpContext).EndAsync(context.HttpContext.User, context.HttpContext.RequestAborted),
    };

    /// <summary>A cookie whose session has ended (signed out elsewhere, or revoked) signs its holder out.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        if (!await Sessions(context.HttpContext).IsActiveAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static SignInSessions Sessions(HttpContext http) => http.RequestServices.GetRequiredService<SignInSessions>();

    private static void ConfigureGitHub(OAuthOptions o, GitHubOptions github)
    {
        o.ClientId = github.ClientId!;
        o.ClientSecret = github.ClientSecret!;
        o.CallbackPath = "/signin-github";
        // GitHub's redirect back is a top-level GET, which Lax cookies survive; Secure follows the request's scheme.
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.AuthorizationEndpoint = $"{github.OAuthBase.TrimEnd('/')}/login/oauth/authorize";
        o.TokenEndpoint = $"{github.OAuthBase.TrimEnd('/')}/login/oauth/access_token";
        o.UserInformationEndpoint = $"{github.ApiBase.TrimEnd('/')}/user";
        o.Scope.Add("read:user");
        o.Scope.Add("user:email"); // a maintainer's verified address, for their projects' runway alerts
        o.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "id");
        o.ClaimActions.MapJsonKey(ClaimTypes.Name, "login");
        o.ClaimActions.MapJsonKey(GitHubNameClaim, "name");
        o.Events.OnCreatingTicket = CreatingTicketAsync;
        o.Events.OnRemoteFailure = RemoteFailure;
    }

    /// <summary>The person's profile (and verified primary address, and token) become claims of the sign-in.</summary>
    private static async Task CreatingTicketAsync(OAuthCreatingTicketContext context)
    {
        using var response = await GetFromGitHubAsync(context, context.Options.UserInformationEndpoint);
        response.EnsureSuccessStatusCode();
        using var user = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted));
        context.RunClaimActions(user.RootElement);
        if (await VerifiedPrimaryEmailAsync(context) is { } email)
        {
            context.Identity?.AddClaim(new Claim(ClaimTypes.Email, email));
        }

        if (context.AccessToken is { } token)
        {
            context.Identity?.AddClaim(new Claim(GitHubTokenClaim, token));
        }
    }

    /// <summary>A missing or forged state, or a refusal at GitHub: no session, and a message a person understands.</summary>
    private static Task RemoteFailure(RemoteFailureContext context)
    {
        context.Response.Redirect("/signin?error=" + Uri.EscapeDataString(context.Failure?.Message ?? "Sign-in failed."));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>The person's primary address if GitHub verified it (GET /user/emails); null if none, or not granted.</summary>
    private static async Task<string?> VerifiedPrimaryEmailAsync(OAuthCreatingTicketContext context)
    {
        using var response = await GetFromGitHubAsync(context, context.Options.UserInformationEndpoint.TrimEnd('/') + "/emails");
        if (!response.IsSuccessStatusCode)
        {
            return null; // the scope was refused, or GitHub is unwell: signing in still works, without alerts by default
        }

        using var emails = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted));
        return PrimaryVerifiedEmail(emails.RootElement);
    }

    /// <summary>A GET of GitHub's API on the person's behalf, with their token.</summary>
    private static async Task<HttpResponseMessage> GetFromGitHubAsync(OAuthCreatingTicketContext context, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd("crowdsite");
        return await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
    }

    /// <summary>From GitHub's list of a person's addresses, the primary one if it is verified.</summary>
    public static string? PrimaryVerifiedEmail(JsonElement emails) =>
        emails.ValueKind != JsonValueKind.Array ? null : emails.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.Object
                && e.TryGetProperty("primary", out var p) && p.ValueKind == JsonValueKind.True
                && e.TryGetProperty("verified", out var v) && v.ValueKind == JsonValueKind.True)
            .Select(e => e.TryGetProperty("email", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null).FirstOrDefault();

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin/github", (string? returnUrl, Microsoft.Extensions.Options.IOptions<GitHubOptions> github) =>
            github.Value.SignInEnabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = Infrastructure.Http.LocalUrl.OrHome(returnUrl) }, [GitHubScheme])
                : Results.Problem("Sign in with GitHub is not configured on this site.", statusCode: 404))
            .RequireRateLimiting(Infrastructure.Http.RateLimits.SignIns).ExcludeFromDescription();
        app.MapPost("/signout", async (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            // The form's token, checked here (the endpoint binds no form, so the middleware would only note it):
            // a form on another site must not sign a visitor out.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem("Sign out from the site's own Sign out button.", statusCode: StatusCodes.Status400BadRequest,
                    title: "Invalid antiforgery token");
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        }).DisableAntiforgery().ExcludeFromDescription();
        app.MapDevelopmentSignIn();
        return app;
    }
}
