using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrowdSite.Tests.TestSupport;

/// <summary>Stripe's API faked with WireMock at the HTTP level, answering with Stripe's own published fixtures.</summary>
public sealed class StripeFake : IDisposable
{
    public const string SecretKey = "sk_test_crowdsite";
    public const string WebhookSecret = "whsec_crowdsite_test";
    public const string ApiVersion = "2026-10-28.endive";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public Dictionary<string, string> Settings => new()
    {
        ["Stripe:SecretKey"] = SecretKey,
        ["Stripe:WebhookSecret"] = WebhookSecret,
        ["Stripe:ApiBase"] = Server.Url!,
    };

    public StripeFake()
    {
        var session = Fixtures.Stripe("checkout_session");
        session["id"] = "cs_test_fake";
        session["url"] = "https://checkout.stripe.test/c/pay/cs_test_fake";
        Server.Given(Request.Create().WithPath("/v1/checkout/sessions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(session.ToJsonString()));
    }

    /// <summary>A payment intent whose latest charge's balance transaction carries <paramref name="fee"/>.</summary>
    public void PaymentIntentWithFee(string paymentIntentId, long fee, JsonObject? metadata = null)
    {
        var balance = Fixtures.Stripe("balance_transaction");
        balance["fee"] = fee;
        var charge = Fixtures.Stripe("charge");
        charge["balance_transaction"] = balance;
        charge["payment_intent"] = paymentIntentId;
        var intent = Fixtures.Stripe("payment_intent");
        intent["id"] = paymentIntentId;
        intent["status"] = "succeeded";
        intent["latest_charge"] = charge;
        if (metadata is not null)
        {
            intent["metadata"] = metadata;
        }
        Server.Given(Request.Create().WithPath($"/v1/payment_intents/{paymentIntentId}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(intent.ToJsonString()));
    }

    /// <summary>An invoice paid through a payment intent whose balance transaction carries <paramref name="fee"/>.</summary>
    public void InvoiceWithFee(string invoiceId, string paymentIntentId, long fee)
    {
        PaymentIntentWithFee(paymentIntentId, fee);
        var invoice = Fixtures.Stripe("invoice");
        invoice["id"] = invoiceId;
        invoice["payments"] = new JsonObject
        {
            ["object"] = "list",
            ["has_more"] = false,
            ["url"] = $"/v1/invoices/{invoiceId}/payments",
            ["data"] = new JsonArray(new JsonObject
            {
                ["object"] = "invoice_payment",
                ["id"] = "inpay_" + invoiceId,
                ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = paymentIntentId },
            }),
        };
        // Stripe refuses expansions deeper than four levels: the fake answers only the shallow one we ask for.
        Server.Given(Request.Create().WithPath($"/v1/invoices/{invoiceId}").WithParam("expand[0]", "payments").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(invoice.ToJsonString()));
    }

    /// <summary>A Stripe event around <paramref name="dataObject"/>, as Stripe sends it.</summary>
    public static string Event(string id, string type, JsonObject dataObject)
    {
        var evt = Fixtures.Stripe("event");
        evt["id"] = id;
        evt["type"] = type;
        evt["api_version"] = ApiVersion;
        evt["data"] = new JsonObject { ["object"] = dataObject.DeepClone() };
        return evt.ToJsonString();
    }

    /// <summary>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.payload")&gt;.</summary>
    public static string Sign(string payload, DateTimeOffset at, string secret = WebhookSecret)
    {
        var t = at.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    public void Dispose() => Server.Stop();
}
