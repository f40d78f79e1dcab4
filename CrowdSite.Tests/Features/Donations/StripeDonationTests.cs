using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Donations;

/// <summary>Live mode against a WireMock fake of Stripe's API, with webhooks signed the way Stripe signs them.</summary>
public sealed class StripeDonationTests : IAsyncLifetime
{
    private readonly StripeFake _stripe = new();
    private readonly CrowdSiteFactory _factory;
    private int _projectId;

    public StripeDonationTests() => _factory = new CrowdSiteFactory(seedDemo: false, settings: _stripe.Settings);

    private IServiceProvider Services => _factory.Services;

    public async ValueTask InitializeAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var project = new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        _projectId = project.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _stripe.Dispose();
    }

    [Fact]
    public async Task Start_OneTimeWithPotAndFeeCover_CreatesAPaymentSessionWithTheRightFields()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/projects/app/donations",
            new { amount = 2_500, currency = "USD", potOptIn = true, coverFees = true, publicName = "Ada" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("https://checkout.stripe.test/c/pay/cs_test_fake", (await response.Content.ReadFromJsonAsync<CheckoutResponse>(TestContext.Current.CancellationToken))!.CheckoutUrl);
        var form = SessionRequestForm();
        Assert.Equal("payment", form["mode"]);
        Assert.Equal(DonationMath.GrossCoveringFees(2_500, FeeSchedule.StripeCard).ToString(CultureInfo.InvariantCulture), form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("usd", form["line_items[0][price_data][currency]"]);
        Assert.False(form.ContainsKey("line_items[0][price_data][recurring][interval]"));
        Assert.Equal("true", form["metadata[potOptIn]"]);
        Assert.Equal("true", form["metadata[coverFees]"]);
        Assert.Equal("Ada", form["metadata[publicName]"]);
        Assert.Equal("app", form["metadata[project]"]);
        Assert.True(Guid.TryParse(form["metadata[intentId]"], out _));
        Assert.StartsWith("http://localhost/donations/complete", form["success_url"]);
        Assert.StartsWith("http://localhost/p/app", form["cancel_url"]);
        Assert.Equal("true", form["adaptive_pricing[enabled]"]);
    }

    [Fact]
    public async Task Start_Monthly_CreatesASubscriptionSessionWithAMonthlyPrice()
    {
        await _factory.CreateClient().PostAsJsonAsync("/api/v1/projects/app/donations",
            new { amount = 1_000, currency = "USD", recurring = true }, TestContext.Current.CancellationToken);

        var form = SessionRequestForm();
        Assert.Equal("subscription", form["mode"]);
        Assert.Equal("1000", form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("month", form["line_items[0][price_data][recurring][interval]"]);
        Assert.Equal("false", form["metadata[potOptIn]"]);
        Assert.Equal("false", form["adaptive_pricing[enabled]"]); // renewals would be invoiced in the donor's currency
    }

    [Fact]
    public async Task Webhook_CheckoutCompleted_RecordsGrossFeeFromStripeAndPotShare()
    {
        var intent = await StartAsync(10_000, potOptIn: true);
        _stripe.PaymentIntentWithFee("pi_test_1", fee: 320);

        var response = await PostEventAsync(CheckoutCompleted("evt_1", intent, amountTotal: 10_000, "pi_test_1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var totals = await Services.GetRequiredService<FiguresService>().TotalsAsync(_projectId);
        Assert.Equal(new FundingTotals(10_000, 320, 0, 100, 0, 0), totals);
        Assert.Equal(10_000 - 320 - 100, (await Services.GetRequiredService<FiguresService>().ForProjectAsync(_projectId, "USD")).Balance);
        Assert.True((await Services.GetRequiredService<BooksService>().ReconcileAsync("USD")).Balanced);
    }

    [Fact]
    public async Task Webhook_ForgedOrStaleSignature_Is400AndWritesNothing()
    {
        var intent = await StartAsync(2_500);
        _stripe.PaymentIntentWithFee("pi_test_1", fee: 103);
        var payload = CheckoutCompleted("evt_forged", intent, 2_500, "pi_test_1");

        var forged = await PostEventAsync(payload, StripeFake.Sign(payload, DateTimeOffset.UtcNow, "whsec_wrong"));
        var stale = await PostEventAsync(payload, StripeFake.Sign(payload, DateTimeOffset.UtcNow.AddMinutes(-10)));
        var missing = await PostEventAsync(payload, "");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await DonationCountAsync());
    }

    [Fact]
    public async Task Webhook_SameEventTwentyTimesConcurrently_RecordsOneDonation()
    {
        var intent = await StartAsync(2_500);
        _stripe.PaymentIntentWithFee("pi_test_1", fee: 103);
        var payload = CheckoutCompleted("evt_dup", intent, 2_500, "pi_test_1");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostEventAsync(payload)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await DonationCountAsync());
        Assert.Equal(2_500, (await Services.GetRequiredService<FiguresService>().TotalsAsync(_projectId)).Donated);
    }

    [Fact]
    public async Task Webhook_SameEventTwentyTimesAcrossTwoInstances_RecordsOneDonation()
    {
        Assert.SkipUnless(TestEngine.IsPostgres, "PostgreSQL only: two instances share a PostgreSQL database (runs with CROWDSITE_TEST_DATABASE=postgres).");
        _ = _factory.Server;
        await using var other = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string>(_stripe.Settings)
        {
            ["ConnectionStrings:CrowdSite"] = _factory.PostgresConnectionString!,
        });
        var intent = await StartAsync(2_500);
        _stripe.PaymentIntentWithFee("pi_test_1", fee: 103);
        var payload = CheckoutCompleted("evt_dup_two", intent, 2_500, "pi_test_1");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => PostEventAsync(payload, client: (i % 2 == 0 ? _factory : other).CreateClient())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await DonationCountAsync());
        Assert.Equal(2_500, (await other.Services.GetRequiredService<FiguresService>().TotalsAsync(_projectId)).Donated);
        Assert.True((await other.Services.GetRequiredService<BooksService>().ReconcileAsync("USD")).Balanced);
    }

    [Fact]
    public async Task Webhook_ChargeRefunded_ReversesTheDonationOnce()
    {
        var intent = await StartAsync(5_000, potOptIn: true);
        _stripe.PaymentIntentWithFee("pi_test_1", fee: 175);
        await PostEventAsync(CheckoutCompleted("evt_paid", intent, 5_000, "pi_test_1"));
        var charge = Fixtures.Stripe("charge");
        charge["payment_intent"] = "pi_test_1";
        charge["amount"] = 5_000;
        charge["amount_refunded"] = 5_000;
        charge["refunded"] = true;

        var first = await PostEventAsync(StripeFake.Event("evt_refund", "charge.refunded", charge));
        var again = await PostEventAsync(StripeFake.Event("evt_refund", "charge.refunded", charge));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var figures = Services.GetRequiredService<FiguresService>();
        Assert.Equal(0, (await figures.ForProjectAsync(_projectId, "USD")).Balance);
        Assert.Equal(5_000 - 175 - 50, (await figures.TotalsAsync(_projectId)).Refunded);
        Assert.True((await Services.GetRequiredService<BooksService>().ReconcileAsync("USD")).Balanced);
    }

    [Fact]
    public async Task Webhook_AsyncPaymentFailed_ClosesTheCheckoutWithoutMoney()
    {
        var intent = await StartAsync(2_500);
        var session = Fixtures.Stripe("checkout_session");
        session["payment_status"] = "unpaid";
        session["metadata"] = new JsonObject { ["intentId"] = intent.ToString() };

        var completed = await PostEventAsync(StripeFake.Event("evt_pending", "checkout.session.completed", session));
        var failed = await PostEventAsync(StripeFake.Event("evt_failed", "checkout.session.async_payment_failed", session));

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal(0, await DonationCountAsync());
        var found = await Services.GetRequiredService<DonationService>().FindIntentAsync(intent);
        Assert.Equal(CheckoutStatus.Canceled, found!.Value.Intent.Status);
    }

    [Fact]
    public async Task Webhook_RefundBeforeThePayment_AsksStripeToRetry()
    {
        var intent = await StartAsync(5_000);
        _stripe.PaymentIntentWithFee("pi_early", fee: 175, metadata: new JsonObject { ["intentId"] = intent.ToString() });
        var charge = Fixtures.Stripe("charge");
        charge["payment_intent"] = "pi_early";
        charge["amount"] = 5_000;
        charge["amount_refunded"] = 5_000;

        var response = await PostEventAsync(StripeFake.Event("evt_early", "charge.refunded", charge));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("pi_of_another_app")] // on this Stripe account, without our intent in its metadata
    [InlineData("pi_unknown")] // not on this Stripe account at all (Stripe answers 404)
    public async Task Webhook_RefundOrDisputeOfAPaymentNotOurs_IsAcknowledgedNotRetried(string paymentIntent)
    {
        if (paymentIntent == "pi_of_another_app")
        {
            _stripe.PaymentIntentWithFee(paymentIntent, fee: 10, metadata: new JsonObject { ["order"] = "elsewhere-42" });
        }

        var charge = Fixtures.Stripe("charge");
        charge["payment_intent"] = paymentIntent;
        charge["amount"] = 5_000;
        charge["amount_refunded"] = 5_000;
        var dispute = Fixtures.Stripe("dispute");
        dispute["id"] = "dp_foreign";
        dispute["payment_intent"] = paymentIntent;
        dispute["status"] = "needs_response";

        var refunded = await PostEventAsync(StripeFake.Event($"evt_f_re_{paymentIntent}", "charge.refunded", charge));
        var disputed = await PostEventAsync(StripeFake.Event($"evt_f_dp_{paymentIntent}", "charge.dispute.created", dispute));

        Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disputed.StatusCode);
        Assert.Equal(0, await DonationCountAsync());
    }

    [Fact]
    public async Task Webhook_InvoicePaidForASubscriptionNotOurs_IsAcknowledgedWithoutFetchingIt()
    {
        var response = await PostEventAsync(StripeFake.Event("evt_in_foreign", "invoice.paid", Invoice("in_foreign", "sub_foreign", "subscription_cycle", ours: false)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(_stripe.Server.LogEntries, e => e.RequestMessage.Path.Contains("in_foreign", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_RenewalInAnotherCurrency_IsRefusedBeforeAnythingIsBooked()
    {
        var invoice = Invoice("in_eur", "sub_eur", "subscription_cycle");
        invoice["currency"] = "eur";

        var response = await PostEventAsync(StripeFake.Event("evt_in_eur", "invoice.paid", invoice));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(_stripe.Server.LogEntries, e => e.RequestMessage.Path.Contains("in_eur", StringComparison.Ordinal));
        Assert.Equal(0, await DonationCountAsync());
    }

    [Theory]
    [InlineData("checkout.session.completed")]
    [InlineData("charge.refunded")]
    [InlineData("invoice.paid")]
    public async Task Webhook_SignedEventWithoutItsObject_Is400(string type)
    {
        var evt = System.Text.Json.Nodes.JsonNode.Parse(StripeFake.Event($"evt_bad_{type}", type, new JsonObject()))!.AsObject();
        evt["data"] = new JsonObject { ["object"] = null };

        var response = await PostEventAsync(evt.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Webhook_TwoPartialRefunds_ReverseProportionallyAndNeverMoreThanThePayment()
    {
        var intent = await StartAsync(10_000, potOptIn: true);
        _stripe.PaymentIntentWithFee("pi_test_1", fee: 320);
        await PostEventAsync(CheckoutCompleted("evt_paid", intent, 10_000, "pi_test_1"));
        var figures = Services.GetRequiredService<FiguresService>();

        var first = RefundedCharge("pi_test_1", amount: 10_000, refundedSoFar: 3_000, "re_1");
        await PostEventAsync(StripeFake.Event("evt_re_1", "charge.refunded", first));
        Assert.Equal(9_580 - (3_000 - 96 - 30), (await figures.ForProjectAsync(_projectId, "USD")).Balance);

        var second = await PostEventAsync(StripeFake.Event("evt_re_2", "charge.refunded", RefundedCharge("pi_test_1", 10_000, 10_000, "re_2")));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var late = await PostEventAsync(StripeFake.Event("evt_re_1_late", "charge.refunded", RefundedCharge("pi_test_1", 10_000, 3_000, "re_1b")));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(0, (await figures.ForProjectAsync(_projectId, "USD")).Balance);
        Assert.Equal(9_580, (await figures.TotalsAsync(_projectId)).Refunded);
        var books = await Services.GetRequiredService<BooksService>().ReconcileAsync("USD");
        Assert.True(books.Balanced);
        Assert.All(books.Accounts, a => Assert.Equal(0, a.Balance));
    }

    [Fact]
    public async Task Webhook_DisputeCreatedThenWon_ReversesThenReinstatesOnce()
    {
        var intent = await StartAsync(5_000);
        _stripe.PaymentIntentWithFee("pi_test_1", fee: 175);
        await PostEventAsync(CheckoutCompleted("evt_paid", intent, 5_000, "pi_test_1"));
        var dispute = Fixtures.Stripe("dispute");
        dispute["id"] = "dp_1";
        dispute["payment_intent"] = "pi_test_1";
        dispute["status"] = "needs_response";
        var figures = Services.GetRequiredService<FiguresService>();

        await PostEventAsync(StripeFake.Event("evt_dp_created", "charge.dispute.created", dispute));
        Assert.Equal(0, (await figures.ForProjectAsync(_projectId, "USD")).Balance);
        dispute["status"] = "won";
        await PostEventAsync(StripeFake.Event("evt_dp_closed", "charge.dispute.closed", dispute));
        await PostEventAsync(StripeFake.Event("evt_dp_closed", "charge.dispute.closed", dispute));

        Assert.Equal(5_000 - 175, (await figures.ForProjectAsync(_projectId, "USD")).Balance);
        Assert.Equal(0, (await figures.TotalsAsync(_projectId)).Refunded);
        Assert.True((await Services.GetRequiredService<BooksService>().ReconcileAsync("USD")).Balanced);
    }

    [Fact]
    public async Task Webhook_MonthlyPledge_RenewsThenEndsAndLeavesTheDonationRate()
    {
        var intent = (await Services.GetRequiredService<DonationService>()
            .StartAsync("app", new DonationRequest(1_500, "USD", Recurring: true), new Uri("http://localhost/"), donorId: "583231")).IntentId!.Value;
        _stripe.InvoiceWithFee("in_first", "pi_first", fee: 74);
        _stripe.InvoiceWithFee("in_second", "pi_second", fee: 74);
        var session = Fixtures.Stripe("checkout_session");
        session["mode"] = "subscription";
        session["payment_status"] = "paid";
        session["amount_total"] = 1_500;
        session["invoice"] = "in_first";
        session["subscription"] = "sub_1";
        session["customer"] = "cus_1";
        session["payment_intent"] = null;
        session["metadata"] = new JsonObject { ["intentId"] = intent.ToString() };
        var figures = Services.GetRequiredService<FiguresService>();

        await PostEventAsync(StripeFake.Event("evt_cs", "checkout.session.completed", session));
        Assert.Equal(1_500, (await figures.ForProjectAsync(_projectId, "USD")).MonthlyDonationRate);
        await PostEventAsync(StripeFake.Event("evt_in_first", "invoice.paid", Invoice("in_first", "sub_1", "subscription_create")));
        await PostEventAsync(StripeFake.Event("evt_in_second", "invoice.paid", Invoice("in_second", "sub_1", "subscription_cycle")));
        Assert.Equal(3_000, (await figures.TotalsAsync(_projectId)).Donated);
        Assert.Equal(148, (await figures.TotalsAsync(_projectId)).Fees);

        _stripe.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v1/billing_portal/sessions").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("{\"id\":\"bps_1\",\"object\":\"billing_portal.session\",\"customer\":\"cus_1\",\"url\":\"https://billing.stripe.test/p/session_1\"}"));
        var myDonations = Services.GetRequiredService<MyDonationsService>();
        var pledgeId = (await myDonations.ForDonorAsync("583231")).Pledges.Single().Pledge.Id;
        Assert.Equal("https://billing.stripe.test/p/session_1", await myDonations.PortalForAsync(pledgeId, "583231", new Uri("http://localhost/me")));
        Assert.Null(await myDonations.PortalForAsync(pledgeId, "someone-else", new Uri("http://localhost/me")));
        Assert.Contains("customer=cus_1", Uri.UnescapeDataString(_stripe.Server.LogEntries[^1].RequestMessage.Body!));

        var live = Services.GetRequiredService<CrowdSite.Features.Live.ILiveUpdates>();
        var versionBefore = live.VersionOf(CrowdSite.Features.Live.LiveTopic.Project(_projectId));
        var subscription = new JsonObject { ["id"] = "sub_1", ["object"] = "subscription", ["status"] = "canceled" };
        await PostEventAsync(StripeFake.Event("evt_sub_deleted", "customer.subscription.deleted", subscription));

        Assert.Equal(0, (await figures.ForProjectAsync(_projectId, "USD")).MonthlyDonationRate);
        // Open and cached pages of the project drop the ended pledge too.
        Assert.Equal(versionBefore + 1, live.VersionOf(CrowdSite.Features.Live.LiveTopic.Project(_projectId)));
        Assert.Equal(2, await DonationCountAsync());
    }

    /// <summary>
    /// Issue 15, part 4: Adaptive Pricing showed the donor €23.18 for a $25.00 gift. Since API version 2025-03-31 the session
    /// stays in ours with the donor's in presentment_details; before it, the session was localized and currency_conversion
    /// held ours. Either way the books take the dollars and the receipt shows the euros.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Webhook_SessionPresentedInEurSettledInUsd_BooksUsdAndTheReceiptShowsEur(bool before20250331)
    {
        var intent = await StartAsync(2_500);
        _stripe.PaymentIntentWithFee("pi_test_eur", fee: 103);
        var session = PaidSession(intent, 2_500, "pi_test_eur");
        session["adaptive_pricing"] = new JsonObject { ["enabled"] = true };
        if (before20250331)
        {
            session["currency"] = "eur";
            session["amount_total"] = 2_318;
            session["amount_subtotal"] = 2_318;
            session["currency_conversion"] = new JsonObject
            {
                ["amount_subtotal"] = 2_500, ["amount_total"] = 2_500, ["fx_rate"] = "0.92720", ["source_currency"] = "usd",
            };
        }
        else
        {
            session["currency"] = "usd";
            session["amount_subtotal"] = 2_500;
            session["currency_conversion"] = null;
            session["presentment_details"] = new JsonObject { ["presentment_amount"] = 2_318, ["presentment_currency"] = "eur" };
        }

        var response = await PostEventAsync(StripeFake.Event("evt_eur", "checkout.session.completed", session));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new FundingTotals(2_500, 103, 0, 0, 0, 0), await Services.GetRequiredService<FiguresService>().TotalsAsync(_projectId));
        Assert.True((await Services.GetRequiredService<BooksService>().ReconcileAsync("USD")).Balanced);
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var donation = await db.Donations.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((2_500L, "USD", 2_318L, "EUR"), (donation.Amount, donation.Currency, donation.PresentmentAmount, donation.PresentmentCurrency));
        var receipt = await _factory.CreateClient().GetStringAsync($"/receipts/{donation.ReceiptToken}", TestContext.Current.CancellationToken);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(receipt);
        Assert.Equal("€23.18", page.QuerySelector("[data-testid=receipt-presented]")!.TextContent.Trim());
        Assert.Equal("$25.00", page.QuerySelector("[data-testid=receipt-amount]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Webhook_SessionInAnotherCurrencyWithoutConversion_IsRefusedAndBooksNothing()
    {
        var intent = await StartAsync(2_500);
        _stripe.PaymentIntentWithFee("pi_test_gbp", fee: 103);
        var session = PaidSession(intent, 2_100, "pi_test_gbp");
        session["currency"] = "gbp";
        session["currency_conversion"] = null;

        var response = await PostEventAsync(StripeFake.Event("evt_gbp", "checkout.session.completed", session));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, await DonationCountAsync());
    }

    [Fact]
    public async Task Webhook_SessionInOurCurrency_ShowsNoOtherCurrencyOnTheReceipt()
    {
        var intent = await StartAsync(2_500);
        _stripe.PaymentIntentWithFee("pi_test_usd", fee: 103);
        var session = PaidSession(intent, 2_500, "pi_test_usd");
        session["currency"] = "usd";
        session["currency_conversion"] = null;
        session["presentment_details"] = new JsonObject { ["presentment_amount"] = 2_500, ["presentment_currency"] = "usd" };

        await PostEventAsync(StripeFake.Event("evt_usd", "checkout.session.completed", session));

        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var donation = await db.Donations.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Null(donation.PresentmentAmount);
        Assert.Null(donation.PresentmentCurrency);
    }

    private static JsonObject RefundedCharge(string paymentIntent, long amount, long refundedSoFar, string refundId)
    {
        var charge = Fixtures.Stripe("charge");
        charge["payment_intent"] = paymentIntent;
        charge["amount"] = amount;
        charge["amount_refunded"] = refundedSoFar;
        charge["refunded"] = refundedSoFar >= amount;
        var refund = Fixtures.Stripe("refund");
        refund["id"] = refundId;
        charge["refunds"] = new JsonObject { ["object"] = "list", ["has_more"] = false, ["url"] = "/v1/refunds", ["data"] = new JsonArray(refund) };
        return charge;
    }

    /// <summary>An invoice of a subscription; ours carry our intent in the subscription's metadata, as our checkout sets it.</summary>
    private static JsonObject Invoice(string id, string subscription, string billingReason, bool ours = true)
    {
        var invoice = Fixtures.Stripe("invoice");
        invoice["id"] = id;
        invoice["billing_reason"] = billingReason;
        invoice["amount_paid"] = 1_500;
        invoice["status"] = "paid";
        invoice["parent"] = new JsonObject
        {
            ["type"] = "subscription_details",
            ["quote_details"] = null,
            ["subscription_details"] = new JsonObject
            {
                ["subscription"] = subscription,
                ["metadata"] = ours ? new JsonObject { ["intentId"] = Guid.NewGuid().ToString() } : new JsonObject(),
            },
        };
        return invoice;
    }

    private Dictionary<string, string> SessionRequestForm()
    {
        var request = Assert.Single(_stripe.Server.LogEntries, e => e.RequestMessage.Path == "/v1/checkout/sessions").RequestMessage;
        return request.Body!.Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
    }

    private async Task<Guid> StartAsync(long amount, bool potOptIn = false)
    {
        var start = await Services.GetRequiredService<DonationService>()
            .StartAsync("app", new DonationRequest(amount, "USD", PotOptIn: potOptIn), new Uri("http://localhost/"));
        return start.IntentId!.Value;
    }

    private static string CheckoutCompleted(string eventId, Guid intent, long amountTotal, string paymentIntent) =>
        StripeFake.Event(eventId, "checkout.session.completed", PaidSession(intent, amountTotal, paymentIntent));

    /// <summary>A paid one-time session from Stripe's published fixture, carrying our intent.</summary>
    private static JsonObject PaidSession(Guid intent, long amountTotal, string paymentIntent)
    {
        var session = Fixtures.Stripe("checkout_session");
        session["id"] = "cs_test_fake";
        session["mode"] = "payment";
        session["payment_status"] = "paid";
        session["status"] = "complete";
        session["amount_total"] = amountTotal;
        session["payment_intent"] = paymentIntent;
        session["client_reference_id"] = intent.ToString();
        session["metadata"] = new JsonObject { ["intentId"] = intent.ToString() };
        return session;
    }

    private Task<HttpResponseMessage> PostEventAsync(string payload, string? signature = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature ?? StripeFake.Sign(payload, DateTimeOffset.UtcNow));
        return (client ?? _factory.CreateClient()).SendAsync(request);
    }

    private async Task<int> DonationCountAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        return await db.Donations.CountAsync();
    }
}
