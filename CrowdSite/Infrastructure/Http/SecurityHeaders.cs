using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace CrowdSite.Infrastructure.Http;

/// <summary>
/// Headers every response carries. The Content-Security-Policy runs only the site's own script files plus the one
/// inline script Blazor needs, its import map, allowed by its hash (no 'unsafe-inline', no 'unsafe-eval'); it
/// forbids plugins, a foreign base URL, posting forms elsewhere and being framed (the funding badge is embedded
/// as an image, which framing rules do not touch).
/// </summary>
public static class SecurityHeaders
{
    private const string Policy = "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
    private const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    // One definition per build (it lists the fingerprinted assets): hash it once.
    private static readonly ConditionalWeakTable<ImportMapDefinition, string> Policies = [];

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        // A year, subdomains too, outside Development (UseHsts skips localhost).
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            // Set as the response starts, when the endpoint (and so its import map) is known.
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.ContentSecurityPolicy = PolicyFor(http.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>());
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    /// <summary>The import map's text as the page writes it (see HashedImportMap.razor) and as its hash is taken.</summary>
    public static string ImportMapText(ImportMapDefinition definition) => definition.ToString();

    public static string PolicyFor(ImportMapDefinition? importMap) =>
        importMap is null
            ? $"script-src 'self'; {Policy}"
            : Policies.GetValue(importMap, map =>
                $"script-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ImportMapText(map))))}'; {Policy}");
}
