using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering;

public static class MeteringEndpoints
{
    public const string RateLimitPolicy = "platform-key";

    public static IEndpointRouteBuilder MapMeteringEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Metering").RequireRateLimiting(RateLimitPolicy).DisableAntiforgery()
            // Every endpoint here needs a platform key, checked before a handler reads any body.
            .AddEndpointFilter(async (context, next) =>
                await context.HttpContext.RequestServices.GetRequiredService<PlatformKeys>()
                    .IsValidAsync(PlatformKeys.BearerOf(context.HttpContext.Request), context.HttpContext.RequestAborted)
                    ? await next(context)
                    : Unauthorized());
        group.MapPost("/usage", UsageAsync).WithName("IngestUsage")
            .WithSummary("A batch of compute charges from the platform's metering (Authorization: Bearer <platform key>). All or nothing; idempotent on id.");
        group.MapPost("/usage/cloudfoundry", CloudFoundryAsync).WithName("IngestCloudFoundryUsage")
            .WithSummary("A page of Cloud Foundry v3 /v3/app_usage_events, as the Cloud Controller returns it (same keys). All or nothing; re-imports add nothing.");
        group.MapPut("/projects/{slug}/cloudfoundry-apps", BindAppsAsync).WithName("BindCloudFoundryApps")
            .WithSummary("The operator binds Cloud Foundry app GUIDs to a project (same keys): {\"appGuids\": [...]}.");
        group.MapPost("/metrics", MetricsAsync).WithName("IngestMetrics")
            .WithSummary("Usage (not money) per project and day: {\"metrics\": [{project, day, activeUsers, requests}]} (same keys). All or nothing; a later value for a day replaces the earlier one.");
        group.MapPost("/deployments", DeploymentAsync).WithName("RecordDeployment")
            .WithSummary("The platform's deployer reports which commit of a project runs from when (idempotent).");
        return app;
    }

    /// <summary>Platform keys get their own budget of requests a minute; 429 with Retry-After beyond it.</summary>
    public static void AddPlatformKeyRateLimit(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        // The answer (429, Retry-After, problem details) is the site's one for every limit (RateLimits).
        o.AddPolicy(RateLimitPolicy, http =>
        {
            var limit = http.RequestServices.GetRequiredService<IOptionsMonitor<MeteringOptions>>().CurrentValue.RequestsPerMinute;
            // A known key has its own budget; anything else shares its client address's, so random tokens gain nothing.
            var key = http.RequestServices.GetRequiredService<PlatformKeys>().KnownHashCached(PlatformKeys.BearerOf(http.Request)) is { } hash
                ? "key:" + hash
                : "ip:" + Infrastructure.Http.RateLimits.ClientOf(http);
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            });
        });
    });

    private static async Task<Results<Ok<UsageResult>, ProblemHttpResult>> UsageAsync(
        HttpRequest request, UsageIngest ingest, IOptions<MeteringOptions> options, CancellationToken ct)
    {
        var (batch, problem) = await ReadAsync<UsageBatch>(request, options.Value.MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (batch?.Charges is not { Count: > 0 } charges)
        {
            return TypedResults.Problem("Send {\"charges\": [...]} with at least one charge.", statusCode: StatusCodes.Status400BadRequest, title: "No charges");
        }

        if (charges.Count > options.Value.MaxBatchSize)
        {
            return TypedResults.Problem(FormattableString.Invariant($"A batch holds at most {options.Value.MaxBatchSize:N0} charges; this one has {charges.Count:N0}. Split it."),
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large");
        }

        var outcome = await ingest.IngestAsync(charges, ct);
        if (outcome.Errors.Count > 0)
        {
            return Unprocessable(outcome.Errors, "Some charges are invalid; nothing was recorded");
        }

        if (outcome.Conflicts.Count > 0)
        {
            return TypedResults.Problem($"These ids were recorded before with different content: {string.Join(", ", outcome.Conflicts.Take(20))}. Nothing was recorded.",
                statusCode: StatusCodes.Status409Conflict, title: "Conflicting charge ids",
                extensions: new Dictionary<string, object?> { ["conflicts"] = outcome.Conflicts });
        }

        return TypedResults.Ok(outcome.Result!);
    }

    private static async Task<Results<Ok<MetricsResult>, ProblemHttpResult>> MetricsAsync(
        HttpRequest request, MetricsIngest ingest, IOptions<MeteringOptions> options, CancellationToken ct)
    {
        var (batch, problem) = await ReadAsync<MetricsBatch>(request, options.Value.MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (batch?.Metrics is not { Count: > 0 } items)
        {
            return TypedResults.Problem("Send {\"metrics\": [...]} with at least one item.", statusCode: StatusCodes.Status400BadRequest, title: "No metrics");
        }

        if (items.Count > options.Value.MaxBatchSize)
        {
            return TypedResults.Problem($"A batch holds at most {options.Value.MaxBatchSize:N0} items; this one has {items.Count:N0}. Split it.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large");
        }

        var (result, errors) = await ingest.IngestAsync(items, ct);
        return errors.Count > 0 ? Unprocessable(errors, "Some metrics are invalid; nothing was recorded") : TypedResults.Ok(result!);
    }

    private static async Task<Results<Ok<DeploymentResult>, ProblemHttpResult>> DeploymentAsync(
        HttpRequest request, DeploymentRecorder recorder, IOptions<MeteringOptions> options, CancellationToken ct)
    {
        var (report, problem) = await ReadAsync<DeploymentReport>(request, 64 * 1024, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (result, errors) = await recorder.RecordAsync(report ?? new DeploymentReport(null, null, null), ct);
        return errors.Count > 0
            ? Unprocessable(errors, "The deployment is not valid")
            : TypedResults.Ok(result!);
    }

    /// <summary>422 with field errors in the shape of validation problem details (<c>errors</c>: field → messages).</summary>
    private static ProblemHttpResult Unprocessable(IEnumerable<KeyValuePair<string, string[]>> errors, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status422UnprocessableEntity, Title = title });

    private static async Task<Results<Ok<CloudFoundry.CfImportResult>, ProblemHttpResult>> CloudFoundryAsync(
        HttpRequest request, CloudFoundry.CloudFoundryImporter importer, IOptions<MeteringOptions> options, CancellationToken ct)
    {
        var (page, problem) = await ReadAsync<CloudFoundry.CfUsagePage>(request, options.Value.MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await importer.ImportAsync(page ?? new CloudFoundry.CfUsagePage(null, null), ct);
        return outcome.Errors.Count > 0 ? Unprocessable(outcome.Errors, "The page cannot be imported; nothing was recorded") : TypedResults.Ok(outcome.Result!);
    }

    private static async Task<Results<Ok<CloudFoundry.AppBinding>, ProblemHttpResult>> BindAppsAsync(
        string slug, HttpRequest request, CloudFoundry.CloudFoundryApps apps, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync<CloudFoundry.AppBinding>(request, 64 * 1024, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (result, errors) = await apps.SetAsync(slug, body?.AppGuids ?? [], ct);
        return errors.Count > 0 ? Unprocessable(errors, "The apps cannot be bound") : TypedResults.Ok(result!);
    }

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem("Send a platform API key as Authorization: Bearer <key>.", statusCode: StatusCodes.Status401Unauthorized, title: "Not authorized");

    /// <summary>Reads JSON with a size limit; malformed JSON is a 400 that says where.</summary>
    private static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        ProblemHttpResult TooLarge() =>
            TypedResults.Problem(FormattableString.Invariant($"The body is larger than {maxBytes:N0} bytes."), statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");

        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge());
        }

        try
        {
            await using var limited = new LimitedReadStream(request.Body, maxBytes);
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return (await JsonSerializer.DeserializeAsync<T>(limited, options, ct), null);
        }
        catch (LimitedReadStream.TooLargeException)
        {
            return (default, TooLarge());
        }
        catch (JsonException ex)
        {
            return (default, TypedResults.Problem($"The body is not valid JSON for this endpoint: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON"));
        }
    }
}
