using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.FreeTier;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Donations;

/// <summary>One rule of which donations count as given, seen the same on the project page, the cards and the pot.</summary>
public sealed class GivenDonationsTests : IAsyncLifetime
{
    private static readonly Uri SiteBase = new("http://localhost/");
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);

    private IServiceProvider Services => _factory.Services;

    public async ValueTask InitializeAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Counts_DisputedGift_IsCountedNowhere()
    {
        var paymentIntent = await GiveAsync("Ada");
        Assert.Equal((1, 1, 1, 1), await CountsAsync());

        await Services.GetRequiredService<PaymentEventHandler>().HandleAsync(
            new PaymentReversed("evt_dispute", paymentIntent, "dp_1", Dispute: true));

        Assert.Equal((0, 0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Counts_PartlyRefundedGift_IsStillCountedEverywhere()
    {
        var paymentIntent = await GiveAsync("Ada");

        await Services.GetRequiredService<PaymentEventHandler>().HandleAsync(
            new PaymentReversed("evt_refund", paymentIntent, "re_1", Dispute: false, ReversedSoFar: 1, PaymentAmount: 2));

        Assert.Equal((1, 1, 1, 1), await CountsAsync());
    }

    /// <summary>A named one-time gift of $10 with the pot's share; returns its payment intent.</summary>
    private async Task<string> GiveAsync(string name)
    {
        var donations = Services.GetRequiredService<DonationService>();
        var start = await donations.StartAsync("app", new DonationRequest(1_000, "USD", PotOptIn: true, PublicName: name), SiteBase);
        var token = await donations.PaySimulatedAsync(start.IntentId!.Value);
        var receipt = await Services.GetRequiredService<ReceiptService>().FindAsync(token!);
        return receipt!.Donation.StripePaymentIntentId!;
    }

    /// <summary>Named backers on the page, the page's backer count, the card's backer count, the pot's donors.</summary>
    private async Task<(int, int, int, int)> CountsAsync()
    {
        var page = await Services.GetRequiredService<ProjectPageService>().LoadAsync("app");
        var card = Assert.Single(await Services.GetRequiredService<ProjectSearch>().AllAsync());
        var pot = await Services.GetRequiredService<PotService>().SummaryAsync();
        return (page!.Backers.Count, page.BackerCount, card.Backers, pot.Donors);
    }
}
