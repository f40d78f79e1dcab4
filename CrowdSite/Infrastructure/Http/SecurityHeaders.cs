namespace CrowdSite.Infrastructure.Http;

/// <summary>
/// Headers every response carries. The Content-Security-Policy forbids plugins, a foreign base URL and being
/// framed (the funding badge is embedded as an image, which framing rules do not touch); a script-src is not
/// set yet: Blazor's inline import map needs a hash first (see the README's security section).
/// </summary>
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy = "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
    private const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

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
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(http);
        });
        return app;
    }
}
