using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrowdSite.Infrastructure.Http;

public static class HttpApiExtensions
{
    /// <summary>camelCase JSON (enums too), problem details for every error, OpenAPI at /openapi/v1.json.</summary>
    public static WebApplicationBuilder AddHttpApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // Strict: "500" is not the number 500 (the web defaults read numbers from strings).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // A body that cannot be bound reaches the exception handler, which says why (Production would answer a bare 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Title = "The request could not be read";
                context.ProblemDetails.Detail = bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message;
            }
        });
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// API and webhook callers get problem details for every error, never HTML: an unknown route, a wrong content
    /// type, a body that cannot be bound (with the reason), and an exception (without its details outside Development).
    /// People get the site's not-found and error pages.
    /// </summary>
    public static WebApplication UseProblemDetailsForApi(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
                // A caller's unreadable body is its mistake, answered above: no error log with a stack trace for it.
                SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
            });
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsApi(http), site =>
        {
            if (!app.Environment.IsDevelopment())
            {
                site.UseExceptionHandler("/Error", createScopeForErrors: true);
            }

            site.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });
        return app;
    }

    private static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/webhooks");

    public static WebApplication MapHttpApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapHealthChecks("/healthz");
        return app;
    }
}
