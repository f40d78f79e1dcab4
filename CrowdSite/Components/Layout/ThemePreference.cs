namespace CrowdSite.Components.Layout;

/// <summary>
/// Light or dark, remembered in a cookie so static pages render in the chosen theme from the first byte
/// (their cached HTML varies by it). Without a choice the page follows the system's setting
/// (<c>prefers-color-scheme</c>, in CSS). <c>POST /theme</c> remembers a choice without JavaScript; interactive
/// pages switch in place and write the same cookie.
/// </summary>
public static class ThemePreference
{
    public const string Cookie = "theme";
    public const string Dark = "dark";
    public const string Light = "light";

    /// <summary>True for dark, false for light, null when the visitor has not chosen (the system decides).</summary>
    public static bool? Chosen(HttpContext? http) => http?.Request.Cookies[Cookie] switch
    {
        Dark => true,
        Light => false,
        _ => null,
    };

    public static bool IsDark(HttpContext? http) => Chosen(http) == true;

    /// <summary>Part of a cached page's key: the three ways a page can be drawn.</summary>
    public static string CacheVariant(HttpContext http) => Chosen(http) switch
    {
        true => ".dark",
        false => ".light",
        null => "",
    };

    public static IEndpointRouteBuilder MapThemeToggle(this IEndpointRouteBuilder app)
    {
        // No antiforgery: setting someone's theme is harmless, and the form sits on cached, shared pages.
        // The form names the theme it switches to (only CSS knows which one the system shows); without it, flip.
        app.MapPost("/theme", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl, [Microsoft.AspNetCore.Mvc.FromForm] string? theme) =>
        {
            var value = theme is Dark or Light ? theme : Chosen(http) == true ? Light : Dark;
            http.Response.Cookies.Append(Cookie, value, new CookieOptions
            {
                Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, IsEssential = true,
            });
            return Results.Redirect(Infrastructure.Http.LocalUrl.OrHome(returnUrl), permanent: false, preserveMethod: false);
        }).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }
}
