using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace CrowdSite.Features.Projects;

/// <summary>
/// Serves the project page's (and the project lists') prerendered HTML from memory to anonymous visitors, so a popular project
/// costs one render per change rather than one per view. The cached copy is keyed on the project's model
/// version (it moves on with the project's ledger changes and with any page edit, update or registration), so no visitor gets
/// figures older than the models; it also expires after 30 s. Signed-in visitors (maintainer tools, their own menu)
/// always get a fresh render: the default output-cache policy skips authenticated requests and responses
/// that set cookies. The page is static; its script then follows the project's live stream (whose first frame is
/// the current state).
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
                .VaryByValue(async (http, ct) => new KeyValuePair<string, string>("page", PageVariant(http, await ProjectVersionAsync(http, ct)))));
            // Home, discover and transparency list every project's figures: one version for all of them.
            o.AddPolicy(DirectoryPolicy, p => p
                .Expire(TimeSpan.FromSeconds(30))
                .SetVaryByQuery(DiscoverQueryKeys)
                .VaryByValue(http => new KeyValuePair<string, string>("page", PageVariant(http, DirectoryVersion(http)))));
        });
        // Registered after AddRazorComponents' own provider, so this one wins.
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AntiforgeryStateProvider, TokensOnlyForForms>();
        return builder;
    }

    /// <summary>The pages that list projects or the platform's totals (home, discover, transparency).</summary>
    public const string DirectoryPolicy = "directory-page";

    /// <summary>The only query keys that change what the discover page shows; other keys share its entry.</summary>
    public static readonly string[] DiscoverQueryKeys = ["q", "category", "health", "status", "sort", "page"];

    /// <summary>The project's model version; a slug with no project varies by "none" (its 404 is never stored anyway).</summary>
    private static async ValueTask<string> ProjectVersionAsync(HttpContext http, CancellationToken ct) =>
        await http.RequestServices.GetRequiredService<ProjectPageCache>().VersionOfAsync(http.GetRouteValue("Slug") as string ?? "", ct) ?? "none";

    private static string DirectoryVersion(HttpContext http) => http.RequestServices.GetRequiredService<ProjectPageCache>().DirectoryVersion;

    /// <summary>The data's version, whether Blazor's enhanced navigation asks (it fetches with its own Accept header), and the theme.</summary>
    private static string PageVariant(HttpContext http, string version)
    {
        var enhanced = http.Request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", StringComparison.Ordinal);
        var theme = Components.Layout.ThemePreference.CacheVariant(http);
        return version + (enhanced ? ".enhanced" : "") + theme;
    }

    /// <summary>
    /// Mints an antiforgery token only for a form that asks for one (<c>&lt;AntiforgeryToken /&gt;</c>: the simulated
    /// checkout, sign-out). Blazor's own provider mints one for every prerender, which would make each page personal
    /// (a Set-Cookie and the token inside the HTML) and rule out sharing cached HTML between visitors. A token
    /// minted while prerendering an interactive page is handed to its circuit, whose renders have no request.
    /// </summary>
    private sealed class TokensOnlyForForms : AntiforgeryStateProvider, IDisposable
    {
        private const string StateKey = "crowdsite-antiforgery";
        private readonly IHttpContextAccessor _accessor;
        private readonly Microsoft.AspNetCore.Antiforgery.IAntiforgery _antiforgery;
        private readonly PersistingComponentStateSubscription _persisting;
        private AntiforgeryRequestToken? _token;

        public TokensOnlyForForms(IHttpContextAccessor accessor, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, PersistentComponentState state)
        {
            (_accessor, _antiforgery) = (accessor, antiforgery);
            state.TryTakeFromJson(StateKey, out _token); // in a circuit: the token its prerender minted, if any
            _persisting = state.RegisterOnPersisting(() =>
            {
                if (_token is not null)
                {
                    state.PersistAsJson(StateKey, _token);
                }

                return Task.CompletedTask;
            }, Microsoft.AspNetCore.Components.Web.RenderMode.InteractiveServer);
        }

        public override AntiforgeryRequestToken? GetAntiforgeryToken()
        {
            if (_token is not null)
            {
                return _token;
            }

            // In a circuit there is no request of this render to put the cookie on.
            if (_accessor.HttpContext is not { Response.HasStarted: false } http || http.WebSockets.IsWebSocketRequest)
            {
                return null;
            }

            Infrastructure.Http.PageCompression.MarkSecret(http); // BREACH: a page with a token goes out uncompressed
            var tokens = _antiforgery.GetAndStoreTokens(http);
            return _token = tokens.RequestToken is { } token ? new AntiforgeryRequestToken(token, tokens.FormFieldName) : null;
        }

        public void Dispose() => _persisting.Dispose();
    }
}
