namespace CrowdSite.Components.Layout;

/// <summary>
/// Light or dark, remembered in a cookie so static pages render in the chosen theme from the first byte
/// (their cached HTML varies by it). <c>POST /theme</c> flips it without JavaScript; interactive pages flip
/// it in place and write the same cookie.
/// </summary>
public static class ThemePreference
{
    public const string Cookie = "theme";
    public const string Dark = "dark";
    public const string Light = "light";

    public static bool IsDark(HttpContext? http) => http?.Request.Cookies[Cookie] == Dark;

    public static IEndpointRouteBuilder MapThemeToggle(this IEndpointRouteBuilder app)
    {
        // No antiforgery: flipping someone's theme is harmless, and the form sits on cached, shared pages.
        app.MapPost("/theme", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            http.Response.Cookies.Append(Cookie, IsDark(http) ? Light : Dark, new CookieOptions
            {
                Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, IsEssential = true,
            });
            return Results.Redirect(Infrastructure.Http.LocalUrl.OrHome(returnUrl), permanent: false, preserveMethod: false);
        }).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }
}
