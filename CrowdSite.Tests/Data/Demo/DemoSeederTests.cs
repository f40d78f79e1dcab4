using CrowdSite.Data;
using CrowdSite.Data.Demo;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Data.Demo;

public sealed class DemoSeederTests(SeededSite site) : IClassFixture<SeededSite>
{
    private IServiceProvider Services => site.Factory.Services;

    [Fact]
    public async Task SeedOnce_RunAgain_DuplicatesNothing()
    {
        var (projects, transactions) = await CountsAsync();

        await Services.GetRequiredService<DemoSeeder>().SeedOnceAsync();
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        Assert.Equal((projects, transactions), await CountsAsync());
    }

    [Fact]
    public async Task Seed_TheDemoMaintainer_GetsEveryDemoProjectsRunwayAlerts()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();

        var projects = await db.Projects.CountAsync();
        var followed = await db.Followers.Where(f => f.Email == CrowdSite.Features.SignIn.DevelopmentSignIn.DemoMaintainerEmail
            && f.RunwayAlerts && f.ConfirmedAt != null).Select(f => f.ProjectId).Distinct().CountAsync();

        Assert.Equal(projects, followed);
    }

    [Fact]
    public async Task Seed_Books_Balance()
    {
        var books = await Services.GetRequiredService<BooksService>().ReconcileAsync("USD");

        Assert.True(books.Balanced);
        Assert.Equal(0, books.UnbalancedTransactions);
        Assert.True(books.Transactions > 5_000);
    }

    [Fact]
    public async Task Seed_Projects_CoverEveryHealthAndTheFreeTier()
    {
        var projects = await Services.GetRequiredService<ProjectDirectory>().ListAsync();

        Assert.True(projects.Count >= 6);
        Assert.Contains(projects, p => p.Project.Slug == "crowdsite" && p.Project.Repository == "dotnet/eShop");
        Assert.Contains(projects, p => p.Figures.Health == Health.Healthy);
        Assert.Contains(projects, p => p.Figures.Health == Health.NeedsSupport);
        Assert.Contains(projects, p => p.Figures.Health == Health.Critical);
        Assert.Contains(projects, p => p.Project.Status == ProjectStatus.FreeTier);
        Assert.All(projects, p => Assert.True(p.Figures.MonthlyCost > 0, $"{p.Project.Slug} has no recent costs"));
    }

    [Fact]
    public async Task Seed_EveryCharge_NamesARealCommitDeployedWhenItRan()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();

        var charges = await db.Charges.Include(c => c.Commit).ToListAsync();
        var deployments = await db.Deployments.ToListAsync();
        var repositories = await db.Projects.ToDictionaryAsync(p => p.Id, p => p.Repository);

        Assert.True(charges.Count > 5_000);
        Assert.All(charges, c => Assert.True(Commit.IsValidSha(c.Commit!.Sha)));
        Assert.All(charges, c => Assert.Equal(repositories[c.ProjectId], c.Commit!.Repository));
        Assert.All(charges.Where((_, i) => i % 97 == 0), c => Assert.Contains(deployments, d =>
            d.ProjectId == c.ProjectId && d.CommitId == c.CommitId && d.StartedAt <= c.PeriodStart.AddHours(12)
            && (d.EndedAt is null || d.EndedAt > c.PeriodStart.AddHours(12))));
        Assert.All(await db.Commits.ToListAsync(), c => Assert.True(c.CommittedAt <= deployments.Where(d => d.CommitId == c.Id).Min(d => d.StartedAt)));
    }

    [Fact]
    public async Task Seed_Donations_IncludeMonthlyPledgesFeesAndPotShares()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();

        Assert.True(await db.Donations.CountAsync(d => d.Recurring) > 50);
        Assert.True(await db.Donations.CountAsync(d => !d.Recurring) > 20);
        Assert.True(await db.Donations.CountAsync(d => d.PotShare > 0) > 10);
        Assert.Equal(0, await db.Donations.CountAsync(d => d.Fee <= 0));
        Assert.True(await db.AccountBalances.Where(b => b.Account == Accounts.Pot).Select(b => b.Balance).SingleAsync() > 0);
    }

    private async Task<(int Projects, int Transactions)> CountsAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        return (await db.Projects.CountAsync(), await db.LedgerTransactions.CountAsync());
    }
}
