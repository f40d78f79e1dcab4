using System.Net;
using System.Security.Cryptography;
using System.Text;
using CrowdSite.Components.Shared;
using CrowdSite.Features.Ledger;
using CrowdSite.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrowdSite.Features.Projects;

/// <summary>An embeddable shields-style SVG badge: "funding | healthy · 120%".</summary>
public static class FundingBadge
{
    private const int CacheSeconds = 300;

    public static IEndpointRouteBuilder MapFundingBadge(this IEndpointRouteBuilder app)
    {
        app.MapGet("/p/{slug}/badge.svg", GetAsync).WithTags("Projects").WithName("GetFundingBadge")
            .WithSummary("An SVG badge with the project's health and coverage, for READMEs and websites.")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
        return app;
    }

    private static async Task<Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        string slug, HttpContext http, ProjectDirectory directory, CancellationToken ct)
    {
        if (await directory.SummaryAsync(slug, ct) is not { } summary)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        var svg = Render(summary.Figures);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(svg)))[..16]}\"";
        http.Response.Headers.CacheControl = $"public, max-age={CacheSeconds}";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Content(svg, "image/svg+xml; charset=utf-8");
    }

    public static string Render(FundingFigures figures)
    {
        const string label = "funding";
        var value = HealthText.Label(figures.Health).ToLowerInvariant()
            + (figures.Coverage is { } c ? $" · {HealthText.Percent(c)}" : "");
        var color = figures.Health switch
        {
            Health.Healthy => "#16a34a",
            Health.NeedsSupport => "#d97706",
            _ => "#dc2626",
        };
        var (lw, vw) = (TextWidth(label) + 12, TextWidth(value) + 12);
        var text = WebUtility.HtmlEncode(value);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{lw + vw}" height="20" role="img" aria-label="{label}: {text}">
              <title>{label}: {text}</title>
              <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
              <clipPath id="r"><rect width="{lw + vw}" height="20" rx="3" fill="#fff"/></clipPath>
              <g clip-path="url(#r)"><rect width="{lw}" height="20" fill="#555"/><rect x="{lw}" width="{vw}" height="20" fill="{color}"/><rect width="{lw + vw}" height="20" fill="url(#s)"/></g>
              <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
                <text x="{lw / 2}" y="14">{label}</text>
                <text x="{lw + vw / 2}" y="14">{text}</text>
              </g>
            </svg>
            """;
    }

    /// <summary>Verdana 11px is about 6.5px a character; shields.io measures, but this is close enough for a badge.</summary>
    private static int TextWidth(string text) => (int)Math.Ceiling(text.Length * 6.5);
}
