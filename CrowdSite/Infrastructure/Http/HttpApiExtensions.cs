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
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapHttpApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapHealthChecks("/healthz");
        return app;
    }
}
