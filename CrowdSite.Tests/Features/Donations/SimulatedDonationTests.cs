using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Donations;

/// <summary>The offline mode's donations, through the same handler Stripe's webhooks use.</summary>
public sealed class SimulatedDonationTests : IAsyncLifetime
{
    private static readonly Uri SiteBase = new("http://localhost/");
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);
    private int _projectId;

    private IServiceProvider Services => _factory.Services;
    private DonationService Donations => Services.GetRequiredService<DonationService>();

    public async ValueTask InitializeAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var project = new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        _projectId = project.Id;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task PaySimulated_OneTimeWithPotAndFeeCover_RecordsGrossFeePotAndNet()
    {
        var start = await Donations.StartAsync("app", new DonationRequest(10_000, "USD", PotOptIn: true, CoverFees: true, PublicName: "Ada"), SiteBase);

        var token = await Donations.PaySimulatedAsync(start.IntentId!.Value);

        var gross = DonationMath.GrossCoveringFees(10_000, FeeSchedule.StripeCard);
        var fee = DonationMath.Fee(gross, FeeSchedule.StripeCard);
        var totals = await Services.GetRequiredService<FiguresService>().TotalsAsync(_projectId);
        Assert.NotNull(token);
        Assert.StartsWith("http://localhost/checkout/simulated/", start.CheckoutUrl);
        Assert.Equal(new FundingTotals(gross, fee, 0, 100, 0, 0), totals);
        var figures = await Services.GetRequiredService<FiguresService>().ForProjectAsync(_projectId, "USD");
        Assert.Equal(gross - fee - 100, figures.Balance);
        Assert.Equal(gross, figures.MonthlyDonationRate);
        Assert.True((await Services.GetRequiredService<BooksService>().ReconcileAsync("USD")).Balanced);
        var receipt = await Services.GetRequiredService<ReceiptService>().FindAsync(token!);
        Assert.Equal("Ada", receipt!.Donation.PublicName);
    }

    [Fact]
    public async Task PaySimulated_TwentyConcurrentPayments_RecordOneDonation()
    {
        var start = await Donations.StartAsync("app", new DonationRequest(2_500, "USD"), SiteBase);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Donations.PaySimulatedAsync(start.IntentId!.Value))));

        Assert.Single(tokens.Distinct());
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Donations.CountAsync());
        Assert.Equal(2_500, (await Services.GetRequiredService<FiguresService>().TotalsAsync(_projectId)).Donated);
    }

    [Fact]
    public async Task PaySimulated_CancelledCheckout_RecordsNothing()
    {
        var start = await Donations.StartAsync("app", new DonationRequest(2_500, "USD"), SiteBase);
        await Donations.CancelSimulatedAsync(start.IntentId!.Value);

        Assert.Null(await Donations.PaySimulatedAsync(start.IntentId!.Value));

        Assert.Equal(0, (await Services.GetRequiredService<FiguresService>().TotalsAsync(_projectId)).Donated);
    }

    [Fact]
    public async Task Monthly_RenewAndCancel_MovesTheDonationRate()
    {
        var simulated = Services.GetRequiredService<SimulatedPaymentEvents>();
        var figures = Services.GetRequiredService<FiguresService>();
        var start = await Donations.StartAsync("app", new DonationRequest(1_500, "USD", Recurring: true), SiteBase);
        var first = await Donations.PaySimulatedAsync(start.IntentId!.Value);
        Assert.Equal(1_500, (await figures.ForProjectAsync(_projectId, "USD")).MonthlyDonationRate);

        var second = await simulated.SimulateRenewalAsync(first!);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal(3_000, (await figures.TotalsAsync(_projectId)).Donated);
        Assert.Equal(1_500, (await figures.ForProjectAsync(_projectId, "USD")).MonthlyDonationRate);

        Assert.True(await simulated.CancelSimulatedPledgeAsync(first!));
        Assert.Equal(0, (await figures.ForProjectAsync(_projectId, "USD")).MonthlyDonationRate);
        Assert.Null(await simulated.SimulateRenewalAsync(first!));
    }

    [Fact]
    public async Task Refund_Simulated_RestoresTheBalanceOnce()
    {
        var simulated = Services.GetRequiredService<SimulatedPaymentEvents>();
        var start = await Donations.StartAsync("app", new DonationRequest(5_000, "USD", PotOptIn: true), SiteBase);
        var token = await Donations.PaySimulatedAsync(start.IntentId!.Value);

        Assert.True(await simulated.SimulateRefundAsync(token!));
        Assert.True(await simulated.SimulateRefundAsync(token!));

        var figures = await Services.GetRequiredService<FiguresService>().ForProjectAsync(_projectId, "USD");
        Assert.Equal(0, figures.Balance);
        Assert.Equal(0, figures.MonthlyDonationRate);
        Assert.Equal(DonationStatus.Refunded, (await Services.GetRequiredService<ReceiptService>().FindAsync(token!))!.Donation.Status);
        var books = await Services.GetRequiredService<BooksService>().ReconcileAsync("USD");
        Assert.True(books.Balanced);
        Assert.Equal(0, books.Accounts.Single(a => a.Account == Accounts.Pot).Balance);
    }

    [Fact]
    public async Task Post_Donation_Answers201WithTheCheckoutUrl()
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/projects/app/donations",
            new { amount = 2_500, currency = "USD", recurring = false, potOptIn = true, coverFees = false, publicName = "Grace", message = "Go!" },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("/checkout/simulated/", body.GetProperty("checkoutUrl").GetString());
        Assert.Equal(body.GetProperty("checkoutUrl").GetString(), response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("""{"amount": 5, "currency": "USD"}""", "amount")]
    [InlineData("""{"amount": 2500, "currency": "EUR"}""", "currency")]
    [InlineData("""{"currency": "USD"}""", "amount")]
    public async Task Post_InvalidDonation_Is400ValidationProblem(string json, string field)
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsync("/api/v1/projects/app/donations",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.CheckoutIntents.CountAsync());
    }

    [Fact]
    public async Task Post_DonationToUnknownProject_Is404()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/projects/nope/donations",
            new { amount = 2_500, currency = "USD" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
