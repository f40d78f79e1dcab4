using Microsoft.AspNetCore.Components.Forms;

namespace CrowdSite.Features.Projects;

/// <summary>
/// Serves the project page's prerendered HTML from memory to anonymous visitors, so a popular project
/// costs one render per change rather than one per view. The cached copy is keyed on the project's model
/// version (it moves on with the project's ledger changes and with any page edit, update or registration), so no visitor gets
/// figures older than the models; it also expires after 30 s, well inside the 5 minutes for which Blazor
/// accepts the circuit descriptors in the page. Signed-in visitors (maintainer tools, their own menu)
/// always get a fresh render: the default output-cache policy skips authenticated requests and responses
/// that set cookies. Once the circuit connects, the page re-renders live from the current model.
/// </summary>
public static class ProjectPageOutputCache
{
    public const string Policy = "project-page";

    public static WebApplicationBuilder AddProjectPageOutputCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(o =>
        {
            // Slugs are case-sensitive: /p/Takahe must not share (or poison) the entry of /p/takahe.
            o.UseCaseSensitivePaths = true;
            o.AddPolicy(Policy, p => p
                .Expire(TimeSpan.FromSeconds(30))
                .SetVaryByQuery([]) // the page reads no query string, so ?random=... cannot crowd the cache
                .VaryByValue(http => new KeyValuePair<string, string>("page", PageVariant(http))));
        });
        // Registered after AddRazorComponents' own provider, so this one wins.
        builder.Services.AddScoped<AntiforgeryStateProvider, NoAntiforgeryTokens>();
        return builder;
    }

    /// <summary>The project's model version, whether Blazor's enhanced navigation asks (it fetches with its own Accept header), and the theme.</summary>
    private static string PageVariant(HttpContext http)
    {
        var slug = http.GetRouteValue("Slug") as string ?? "";
        var enhanced = http.Request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", StringComparison.Ordinal);
        var dark = Components.Layout.ThemePreference.IsDark(http);
        return http.RequestServices.GetRequiredService<ProjectPageCache>().VersionOf(slug) + (enhanced ? ".enhanced" : "") + (dark ? ".dark" : "");
    }

    /// <summary>
    /// Gives Blazor components no antiforgery token. This site posts no Blazor forms over HTTP (interactive
    /// forms submit over the circuit; sign-out is a plain endpoint), and minting a token for every
    /// prerender would make each page personal (a Set-Cookie and the token inside the HTML), which rules
    /// out sharing cached HTML between visitors. A static-rendered form added later would need it back.
    /// </summary>
    private sealed class NoAntiforgeryTokens : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}
