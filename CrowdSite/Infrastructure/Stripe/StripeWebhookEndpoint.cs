using System.Diagnostics.CodeAnalysis;
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
        if (!TryVerify(json, request.Headers["Stripe-Signature"].ToString(), secret, out var stripeEvent, out var refusal))
        {
            return refusal;
        }

        var (payment, malformed) = await MapAsync(stripeEvent, services, ct);
        if (malformed is not null)
        {
            return malformed;
        }

        return payment is null ? TypedResults.Ok() : await RecordAsync(stripeEvent, payment, services, handler, ct);
    }

    /// <summary>The event, if the body carries a valid Stripe-Signature; anything that fails verification or parsing is refused whole.</summary>
    private static bool TryVerify(string json, string signature, string secret,
        [NotNullWhen(true)] out Event? stripeEvent, [NotNullWhen(false)] out ProblemHttpResult? refusal)
    {
        stripeEvent = null;
        refusal = null;
        if (string.IsNullOrWhiteSpace(signature))
        {
            refusal = TypedResults.Problem("The Stripe-Signature header is missing.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid Stripe signature");
            return false;
        }

        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, signature, secret, tolerance: 300);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            refusal = TypedResults.Problem($"The Stripe-Signature header does not verify: {ex.Message}",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid Stripe signature");
            return false;
        }
    }

    /// <summary>The payment event the Stripe event means (null: one we ignore), or a problem if its data is not what its type promises.</summary>
    private static async Task<(PaymentEvent? Payment, ProblemHttpResult? Malformed)> MapAsync(
        Event stripeEvent, IServiceProvider services, CancellationToken ct)
    {
        try
        {
            return (await services.GetRequiredService<StripeEventMapper>().MapAsync(stripeEvent, ct), null);
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidCastException)
        {
            // Signed, but without the object its type promises: a retry of the same body cannot help.
            return (null, TypedResults.Problem($"The event's data is not a '{stripeEvent.Type}' object.",
                statusCode: StatusCodes.Status400BadRequest, title: "Malformed Stripe event"));
        }
    }

    private static async Task<Results<Ok, ProblemHttpResult>> RecordAsync(
        Event stripeEvent, PaymentEvent payment, IServiceProvider services, PaymentEventHandler handler, CancellationToken ct)
    {
        var (outcome, _) = await handler.HandleAsync(payment, ct);
        if (outcome != PaymentOutcome.NotYet)
        {
            return TypedResults.Ok();
        }

        // A refund or dispute of a payment we have not recorded: ours arriving early (Stripe retries until the
        // payment is recorded), or another app's on the same Stripe account (answered at once, so it is not retried for days).
        if (PaymentIntentOf(stripeEvent) is { } paymentIntentId && !await services.GetRequiredService<StripePayments>().IsOursAsync(paymentIntentId, ct))
        {
            return TypedResults.Ok();
        }

        return TypedResults.Problem("This event refers to a payment not recorded yet; Stripe will deliver it again.",
            statusCode: StatusCodes.Status409Conflict, title: "Out of order");
    }

    private static string? PaymentIntentOf(Event stripeEvent) => stripeEvent.Data.Object switch
    {
        Charge charge => charge.PaymentIntentId,
        Dispute dispute => dispute.PaymentIntentId,
        _ => null,
    };
}
