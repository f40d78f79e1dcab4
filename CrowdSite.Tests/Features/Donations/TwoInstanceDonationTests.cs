using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Donations;

/// <summary>Two instances on one PostgreSQL database confirming the same payment: one donation.</summary>
public sealed class TwoInstanceDonationTests : TwoInstances
{
    [Fact]
    public async Task OnePaymentConfirmedTwentyTimesAcrossBoth_IsOneDonation()
    {
        var start = await A.Services.GetRequiredService<DonationService>().StartAsync("shared", new DonationRequest(2_500, "USD"), new Uri("http://localhost/"));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? A : B).Services.GetRequiredService<DonationService>().PaySimulatedAsync(start.IntentId!.Value)));

        await using var db = await A.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Donations.CountAsync());
        await AssertBooksBalancedAsync();
    }
}
