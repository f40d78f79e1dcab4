using CrowdSite.Features.Donations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Stripe;

namespace CrowdSite.Infrastructure.Stripe;

/// <summary>POST /webhooks/stripe: signature-verified, idempotent (every write is keyed), answers fast.</summary>
public static class StripeWebhookEndpoint
{
    private const int MaxBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/stripe", HandleAsync).WithTags("Webhooks").WithName("StripeWebhook")
            .WithSummary("Stripe events (Stripe-Signature verified with Stripe:WebhookSecret).").DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> HandleAsync(
        HttpRequest request, IOptions<StripeOptions> options, IServiceProvider services, PaymentEventHandler handler, CancellationToken ct)
    {
        var secret = options.Value.WebhookSecret;
        if (!options.Value.IsLive || string.IsNullOrWhiteSpace(secret))
        {
            return TypedResults.Problem("Stripe is not configured on this site (Stripe:SecretKey and Stripe:WebhookSecret).",
                statusCode: StatusCodes.Status404NotFound, title: "Stripe webhooks are off");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.Problem("The event is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(ct);
        var signature = request.Headers["Stripe-Signature"].ToString();
        if (string.IsNullOrWhiteSpace(signature))
        {
            return TypedResults.Problem("The Stripe-Signature header is missing.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid Stripe signature");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, signature, secret, tolerance: 300);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything that fails verification or parsing is refused whole: nothing is written.
            return TypedResults.Problem($"The Stripe-Signature header does not verify: {ex.Message}",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid Stripe signature");
        }

        var payment = await services.GetRequiredService<StripeEventMapper>().MapAsync(stripeEvent, ct);
        if (payment is null)
        {
            return TypedResults.Ok();
        }

        var (outcome, _) = await handler.HandleAsync(payment, ct);
        return outcome == PaymentOutcome.NotYet
            ? TypedResults.Problem("This event refers to a payment not recorded yet; Stripe will deliver it again.",
                statusCode: StatusCodes.Status409Conflict, title: "Out of order")
            : TypedResults.Ok();
    }
}
