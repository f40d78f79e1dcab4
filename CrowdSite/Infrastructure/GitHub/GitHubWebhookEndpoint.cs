using CrowdSite.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Octokit.Webhooks;

namespace CrowdSite.Infrastructure.GitHub;

/// <summary>POST /webhooks/github: X-Hub-Signature-256 checked (forged or missing → 401, nothing written), idempotent on the delivery id.</summary>
public static class GitHubWebhookEndpoint
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapGitHubWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/github", HandleAsync).WithTags("Webhooks").WithName("GitHubWebhook")
            .WithSummary("GitHub push and deployment_status events (X-Hub-Signature-256 verified with GitHub:WebhookSecret).").DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> HandleAsync(
        HttpRequest request, IOptions<GitHubOptions> options, GitHubWebhookProcessor processor,
        IDbContextFactory<CrowdSiteDbContext> dbFactory, TimeProvider time, CancellationToken ct)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            return TypedResults.Problem("GitHub webhooks are not configured on this site (GitHub:WebhookSecret).", statusCode: 404, title: "GitHub webhooks are off");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.Problem("The delivery is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        var signature = request.Headers["X-Hub-Signature-256"].ToString();
        if (WebhookSignatureValidator.Verify(signature, secret, body) != WebhookSignatureValidationResult.Valid)
        {
            return TypedResults.Problem("X-Hub-Signature-256 is missing or does not match this site's secret.", statusCode: StatusCodes.Status401Unauthorized,
                title: "Invalid GitHub signature");
        }

        var delivery = request.Headers["X-GitHub-Delivery"].ToString();
        var eventName = request.Headers["X-GitHub-Event"].ToString();
        if (delivery.Length is 0 or > 64 || eventName.Length is 0 or > 64)
        {
            return TypedResults.Problem("X-GitHub-Delivery and X-GitHub-Event are required.", statusCode: StatusCodes.Status400BadRequest, title: "Missing headers");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.GitHubDeliveries.AnyAsync(d => d.DeliveryId == delivery, ct))
        {
            return TypedResults.Ok();
        }

        // Handling is idempotent itself (commits and deployments are looked up first), so a crash between
        // handling and remembering the delivery only means GitHub's retry does the same again, harmlessly.
        await processor.ProcessWebhookAsync(request.Headers, body, ct);
        db.GitHubDeliveries.Add(new GitHubDelivery { DeliveryId = delivery, Event = eventName, ReceivedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent redelivery remembered it first.
        }

        return TypedResults.Ok();
    }
}
