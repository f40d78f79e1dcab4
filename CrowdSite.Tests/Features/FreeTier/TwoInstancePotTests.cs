using CrowdSite.Data;
using CrowdSite.Features.FreeTier;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.FreeTier;

/// <summary>Two instances on one PostgreSQL database closing the same month: the pot grants once.</summary>
public sealed class TwoInstancePotTests : TwoInstances
{
    [Fact]
    public async Task MonthCloseOnBothAtOnce_GrantsOnce()
    {
        await using (var db = await A.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync())
        {
            var project = await db.Projects.FirstAsync(p => p.Id == ProjectId);
            project.Status = ProjectStatus.FreeTier;
            project.FreeTierMonthlyCap = 10_000;
            await db.SaveChangesAsync();
        }

        var october = new DateOnly(2026, 10, 1);
        var ledger = A.Services.GetRequiredService<LedgerService>();
        await ledger.PostAsync(Ledgers.Donation(ProjectId, 50_000, "gift", new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), pot: 5_000));
        await ledger.PostAsync(Ledgers.Charge(ProjectId, 700, "oct-charge", new DateTime(2026, 10, 15, 0, 0, 0, DateTimeKind.Utc)));

        await Task.WhenAll(A.Services.GetRequiredService<PotAllocation>().AllocateAsync(october), B.Services.GetRequiredService<PotAllocation>().AllocateAsync(october));

        await using var check = await A.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await check.PotGrants.CountAsync());
        await AssertBooksBalancedAsync();
    }
}
