using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Donations;

/// <summary>What a paid gift settles beside its books: the checkout intent it completes, the past-due pledge it revives.</summary>
public sealed class PaidGiftTests : IAsyncLifetime
{
    private static readonly Uri SiteBase = new("http://localhost/");
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);

    private IServiceProvider Services => _factory.Services;
    private PaymentEventHandler Handler => Services.GetRequiredService<PaymentEventHandler>();

    public async ValueTask InitializeAsync()
    {
        await using var db = await NewDbAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task CheckoutPaid_Twice_RecordsOnceAndCompletesTheIntent()
    {
        var intentId = (await Services.GetRequiredService<DonationService>().StartAsync("app", new DonationRequest(2_000, "USD"), SiteBase)).IntentId!.Value;
        var paid = new CheckoutPaid("evt_1", intentId, 2_000, 88, "cs_1", "pi_1", null, null, null);

        var first = await Handler.HandleAsync(paid);
        var second = await Handler.HandleAsync(paid with { EventId = "evt_2" });

        Assert.Equal(PaymentOutcome.Recorded, first.Outcome);
        Assert.Equal(PaymentOutcome.AlreadyRecorded, second.Outcome);
        Assert.Equal(first.Donation!.Id, second.Donation!.Id);
        await using var db = await NewDbAsync();
        var intent = await db.CheckoutIntents.SingleAsync(i => i.Id == intentId);
        Assert.Equal(CheckoutStatus.Completed, intent.Status);
        Assert.NotNull(intent.CompletedAt);
        Assert.Equal(1, await db.Donations.CountAsync());
    }

    [Fact]
    public async Task RenewalPaid_PastDuePledge_IsActiveAgain()
    {
        var intentId = (await Services.GetRequiredService<DonationService>().StartAsync("app", new DonationRequest(1_500, "USD", Recurring: true), SiteBase)).IntentId!.Value;
        await Handler.HandleAsync(new CheckoutPaid("evt_1", intentId, 1_500, 74, "cs_1", "pi_1", "sub_1", "in_1", "cus_1"));
        await Handler.HandleAsync(new PledgePaymentFailed("evt_2", "sub_1"));
        Assert.Equal(PledgeStatus.PastDue, await PledgeStatusAsync());

        var renewal = await Handler.HandleAsync(new RenewalPaid("evt_3", "sub_1", "in_2", 1_500, 74, "pi_2"));

        Assert.Equal(PaymentOutcome.Recorded, renewal.Outcome);
        Assert.Equal(PledgeStatus.Active, await PledgeStatusAsync());
    }

    private async Task<PledgeStatus> PledgeStatusAsync()
    {
        await using var db = await NewDbAsync();
        return await db.Pledges.Where(p => p.StripeSubscriptionId == "sub_1").Select(p => p.Status).SingleAsync();
    }

    private Task<CrowdSiteDbContext> NewDbAsync() =>
        Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
}
