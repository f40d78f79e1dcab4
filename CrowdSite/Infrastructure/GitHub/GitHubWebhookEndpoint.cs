using CrowdSite.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Octokit.Webhooks;

namespace CrowdSite.Infrastructure.GitHub;

/// <summary>
/// POST /webhooks/github: X-Hub-Signature-256 checked (forged or missing → 401, nothing written), idempotent on
/// the delivery id. GitHub does not resend a failed delivery, so every signed one gets a clear answer: 200 for
/// what is recorded or not used here ("ignored"), 400 for a body that is not the event it names; never a 500.
/// </summary>
public static class GitHubWebhookEndpoint
{
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The events this site uses, and for each the actions it acts on (null: every action).</summary>
    private static readonly Dictionary<string, string[]?> Used = new(StringComparer.Ordinal)
    {
        ["push"] = null,
        ["deployment_status"] = ["created"],
    };

    /// <summary>The answer to a delivery that was accepted: recorded, a redelivery, or not something this site uses.</summary>
    public sealed record WebhookAnswer(string Status, string? Reason = null);

    public static IEndpointRouteBuilder MapGitHubWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/github", HandleAsync).WithTags("Webhooks").WithName("GitHubWebhook")
            .WithSummary("GitHub push and deployment_status events (X-Hub-Signature-256 verified with GitHub:WebhookSecret).").DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok<WebhookAnswer>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, IOptions<GitHubOptions> options, GitHubWebhookProcessor processor,
        IDbContextFactory<CrowdSiteDbContext> dbFactory, TimeProvider time, CancellationToken ct)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            return TypedResults.Problem("GitHub webhooks are not configured on this site (GitHub:WebhookSecret).", statusCode: 404, title: "GitHub webhooks are off");
        }

        var (body, problem) = await ReadSignedAsync(request, secret, ct);
        if (problem is not null)
        {
            return problem;
        }

        var delivery = request.Headers["X-GitHub-Delivery"].ToString();
        var eventName = request.Headers["X-GitHub-Event"].ToString();
        if (delivery.Length is 0 or > 64 || eventName.Length is 0 or > 64)
        {
            return TypedResults.Problem("X-GitHub-Delivery and X-GitHub-Event are required.", statusCode: StatusCodes.Status400BadRequest, title: "Missing headers");
        }

        (body, problem) = await PayloadAsync(request, body!, ct);
        var (action, notJson) = problem is null ? ActionOf(body!) : (null, problem);
        if (notJson is not null)
        {
            return notJson;
        }

        return Ignored(eventName, action) is { } ignored
            ? TypedResults.Ok(ignored)
            : await RecordAsync(request.Headers, body!, delivery, eventName, processor, dbFactory, time, ct);
    }

    /// <summary>The raw body, once its size and X-Hub-Signature-256 are checked (forged or missing: 401, nothing read further).</summary>
    private static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadSignedAsync(HttpRequest request, string secret, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TypedResults.Problem("The delivery is too large.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        var signature = request.Headers["X-Hub-Signature-256"].ToString();
        return WebhookSignatureValidator.Verify(signature, secret, body) == WebhookSignatureValidationResult.Valid
            ? (body, null)
            : (null, TypedResults.Problem("X-Hub-Signature-256 is missing or does not match this site's secret.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Invalid GitHub signature"));
    }

    /// <summary>The event's JSON: the body itself, or GitHub's other content type's "payload" form field (the signature covers the raw body).</summary>
    private static async Task<(byte[]? Body, ProblemHttpResult? Problem)> PayloadAsync(HttpRequest request, byte[] body, CancellationToken ct)
    {
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (body, null);
        }

        var form = new FormReader(System.Text.Encoding.UTF8.GetString(body));
        var fields = await form.ReadFormAsync(ct);
        return fields.TryGetValue("payload", out var payload) && payload.Count == 1
            ? (System.Text.Encoding.UTF8.GetBytes(payload.ToString()), null)
            : (null, Malformed("A form-encoded delivery carries its event in one 'payload' field."));
    }

    /// <summary>The event's "action" (null when it has none), or a 400 when the body is not a JSON object.</summary>
    private static (string? Action, ProblemHttpResult? Problem) ActionOf(byte[] body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return (null, Malformed("The body is not a JSON object."));
            }

            return (json.RootElement.TryGetProperty("action", out var a) && a.ValueKind == System.Text.Json.JsonValueKind.String ? a.GetString() : null, null);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return (null, Malformed($"The body is not JSON: {ex.Message}"));
        }
    }

    /// <summary>The answer for an event (or an event's action) this site does not use; null for one it does.</summary>
    private static WebhookAnswer? Ignored(string eventName, string? action)
    {
        if (!Used.TryGetValue(eventName, out var actions))
        {
            return new WebhookAnswer("ignored", $"This site does not use '{eventName}' events.");
        }

        return actions is not null && !actions.Contains(action)
            ? new WebhookAnswer("ignored", $"This site does not use '{eventName}' events with action '{action}'.")
            : null;
    }

    /// <summary>Handles a used event once per delivery id, and remembers the delivery.</summary>
    private static async Task<Results<Ok<WebhookAnswer>, ProblemHttpResult>> RecordAsync(
        IHeaderDictionary headers, byte[] body, string delivery, string eventName, GitHubWebhookProcessor processor,
        IDbContextFactory<CrowdSiteDbContext> dbFactory, TimeProvider time, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.GitHubDeliveries.AnyAsync(d => d.DeliveryId == delivery, ct))
        {
            return TypedResults.Ok(new WebhookAnswer("duplicate", "This delivery was handled before."));
        }

        // Handling is idempotent itself (commits and deployments are looked up first), so a crash between
        // handling and remembering the delivery only means GitHub's retry does the same again, harmlessly.
        try
        {
            await processor.ProcessWebhookAsync(headers, body, ct);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NullReferenceException or ArgumentException or InvalidOperationException or FormatException)
        {
            // The library read a body without the fields its event has (or the processor met one): not a retryable failure.
            return Malformed($"The body is not a '{eventName}' event: {ex.Message}");
        }

        db.GitHubDeliveries.Add(new GitHubDelivery { DeliveryId = delivery, Event = eventName, ReceivedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent redelivery remembered it first.
        }

        return TypedResults.Ok(new WebhookAnswer("recorded"));
    }

    private static ProblemHttpResult Malformed(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Malformed GitHub delivery");
}
