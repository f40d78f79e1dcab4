using System.Security.Claims;
using CrowdSite.Infrastructure.GitHub;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CrowdSite.Features.SignIn;

/// <summary>
/// The offline mode's sign-in: act as a demo person. It exists only in the Development environment and only
/// while GitHub sign-in is not configured; anywhere else its endpoint answers 404.
/// </summary>
public static class DevelopmentSignIn
{
    /// <summary>The demo maintainer's id; the demo seeder makes this person a maintainer of the demo projects.</summary>
    public const string DemoMaintainerId = "900000002";

    /// <summary>The demo maintainer's address (a reserved domain: offline mail is only written to a folder).</summary>
    public const string DemoMaintainerEmail = "max.maintainer@demo.crowdsite.example";

    public static readonly IReadOnlyList<DemoPerson> People =
    [
        new("900000001", "demo-donor", "Dana Donor", "a donor"),
        new(DemoMaintainerId, "demo-maintainer", "Max Maintainer", "a maintainer of the demo projects"),
        new("900000003", "demo-operator", "Olga Operator", "an operator of the platform"),
    ];

    public static bool IsAvailable(IHostEnvironment environment, GitHubOptions github) => environment.IsDevelopment() && !github.SignInEnabled;

    public static void MapDevelopmentSignIn(this IEndpointRouteBuilder app) =>
        app.MapGet("/signin/dev", async (string? @as, string? returnUrl, HttpContext http, IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<GitHubOptions> github) =>
        {
            if (!IsAvailable(environment, github.Value) || People.FirstOrDefault(p => p.Login == @as) is not { } person)
            {
                return Results.NotFound();
            }

            var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, person.Id), new Claim(ClaimTypes.Name, person.Login),
                new Claim(SignInFeature.GitHubNameClaim, person.Name), new Claim("urn:crowdsite:development", "true"),
            ], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(Infrastructure.Http.LocalUrl.OrHome(returnUrl));
        }).RequireRateLimiting(Infrastructure.Http.RateLimits.SignIns).ExcludeFromDescription();
}
