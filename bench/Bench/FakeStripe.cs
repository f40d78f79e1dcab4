using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// Stripe's API as the site calls it while a gift is paid (create a Checkout Session, read the payment intent's
/// fee), answered locally in the shapes of Stripe's published objects; and the webhook Stripe then sends, signed
/// and timed on Stripe's side (in <see cref="OutsideWriters"/>' process). Only for the bench: the tests use
/// WireMock with Stripe's own fixtures.
/// </summary>
internal static class FakeStripe
{
    public const string WebhookSecret = "whsec_bench";
    private const string ApiVersion = "2026-10-28.endive";
    private static int _events;

    /// <summary>The part of Stripe's API the site calls (see <see cref="OutsideWriters"/>, whose process serves it).</summary>
    public static void MapStripeApi(this WebApplication app)
    {
        app.MapPost("/v1/checkout/sessions", async (HttpRequest request) =>
        {
            var intent = (await request.ReadFormAsync())["client_reference_id"].ToString();
            return Results.Json(new JsonObject
            {
                ["id"] = $"cs_test_{intent}", ["object"] = "checkout.session", ["mode"] = "payment", ["status"] = "open",
                ["url"] = $"https://checkout.stripe.com/c/pay/cs_test_{intent}", ["client_reference_id"] = intent,
            });
        });
        app.MapGet("/v1/payment_intents/{id}", (string id) => Results.Json(new JsonObject
        {
            ["id"] = id, ["object"] = "payment_intent", ["status"] = "succeeded",
            ["latest_charge"] = new JsonObject
            {
                ["id"] = $"ch_{id}", ["object"] = "charge", ["payment_intent"] = id,
                ["balance_transaction"] = new JsonObject { ["id"] = $"txn_{id}", ["object"] = "balance_transaction", ["fee"] = 45 },
            },
        }));
    }

    /// <summary>
    /// A gift paid through Stripe: the donor starts it (the site creates its Checkout Session here), then Stripe's
    /// signed checkout.session.completed reaches the webhook. Only the webhook is timed: it is the write.
    /// </summary>
    public static async Task<double> PayAsync(HttpClient site, string slug)
    {
        var start = await site.PostAsJsonAsync($"/api/v1/projects/{slug}/donations", new { amount = 500, currency = "USD" });
        start.EnsureSuccessStatusCode();
        // The checkout URL is the session's, and this fake names a session after the site's intent.
        var checkoutUrl = (await start.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("checkoutUrl").GetString()!;
        var intent = checkoutUrl[(checkoutUrl.LastIndexOf("cs_test_", StringComparison.Ordinal) + "cs_test_".Length)..];

        var n = Interlocked.Increment(ref _events);
        var payload = new JsonObject
        {
            ["id"] = $"evt_bench_{n}_{intent}", ["object"] = "event", ["api_version"] = ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["livemode"] = false, ["pending_webhooks"] = 1,
            ["type"] = "checkout.session.completed",
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = $"cs_test_{intent}", ["object"] = "checkout.session", ["mode"] = "payment", ["status"] = "complete",
                    ["payment_status"] = "paid", ["amount_total"] = 500, ["currency"] = "usd", ["client_reference_id"] = intent,
                    ["payment_intent"] = $"pi_bench_{n}", ["metadata"] = new JsonObject { ["intentId"] = intent },
                },
            },
        }.ToJsonString();
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", $"t={t},v1={Convert.ToHexStringLower(mac)}");
        var watch = Stopwatch.StartNew();
        (await site.SendAsync(request)).EnsureSuccessStatusCode();
        return watch.Elapsed.TotalMilliseconds;
    }
}
