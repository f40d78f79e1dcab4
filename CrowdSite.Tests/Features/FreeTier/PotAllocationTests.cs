using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.FreeTier;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.FreeTier;

public sealed class PotAllocationTests : IAsyncLifetime
{
    private static readonly DateOnly October = new(2026, 10, 1);
    private readonly CrowdSiteFactory _factory = new(seedDemo: false, settings: new Dictionary<string, string>
    {
        ["FreeTier:MonthlyCap"] = "1000", ["Operators:GitHubUserIds:0"] = "42",
    });

    private int _a, _b, _donor;

    private PotAllocation Allocation => _factory.Services.GetRequiredService<PotAllocation>();
    private LedgerService Ledger => _factory.Services.GetRequiredService<LedgerService>();

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var a = new Project { Slug = "a", Name = "A", Repository = "o/a", Currency = "USD", Status = ProjectStatus.FreeTier };
        var b = new Project { Slug = "b", Name = "B", Repository = "o/b", Currency = "USD", Status = ProjectStatus.FreeTier };
        var donor = new Project { Slug = "big", Name = "Big", Repository = "o/big", Currency = "USD" };
        db.Projects.AddRange(a, b, donor);
        await db.SaveChangesAsync();
        (_a, _b, _donor) = (a.Id, b.Id, donor.Id);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task FillPotAsync(long amount, string key = "fill") =>
        await Ledger.PostAsync(Ledgers.Donation(_donor, amount * 100, key, new DateTime(2026, 10, 2, 0, 0, 0, DateTimeKind.Utc), pot: amount));

    private async Task ChargeAsync(int projectId, long amount, string key) =>
        await Ledger.PostAsync(Ledgers.Charge(projectId, amount, key, new DateTime(2026, 10, 15, 0, 0, 0, DateTimeKind.Utc)));

    private async Task<long> PotAsync() => (await _factory.Services.GetRequiredService<PotService>().SummaryAsync()).Balance;

    private async Task<bool> BooksBalanceAsync() => (await _factory.Services.GetRequiredService<BooksService>().ReconcileAsync("USD")).Balanced;

    [Fact]
    public async Task Allocate_EnoughMoney_PaysEachUpToItsCap()
    {
        await FillPotAsync(5_000);
        await ChargeAsync(_a, 300, "a1");
        await ChargeAsync(_b, 1_500, "b1");

        var plan = await Allocation.AllocateAsync(October);

        Assert.False(plan.ProRata);
        Assert.Equal([300L, 1_000L], plan.Lines.Select(l => l.Grant));
        Assert.Equal(5_000 - 1_300, await PotAsync());
        Assert.Equal(300, (await _factory.Services.GetRequiredService<FiguresService>().TotalsAsync(_a)).Granted);
        Assert.True(await BooksBalanceAsync());
    }

    [Fact]
    public async Task Allocate_NotEnoughMoney_PaysProRataRoundingDownAndKeepsTheRemainder()
    {
        await FillPotAsync(1_001);
        await ChargeAsync(_a, 900, "a1");
        await ChargeAsync(_b, 600, "b1");

        var plan = await Allocation.AllocateAsync(October);

        Assert.True(plan.ProRata);
        Assert.Equal([600L, 400L], plan.Lines.Select(l => l.Grant));
        Assert.Equal(1, await PotAsync());
    }

    [Fact]
    public async Task Allocate_NoChargesOrNoPot_GrantsNothing()
    {
        await FillPotAsync(500);
        var noCharges = await Allocation.AllocateAsync(October);
        await ChargeAsync(_a, 300, "a1");
        await Ledger.PostAsync(new Posting
        {
            IdempotencyKey = "empty-pot", Kind = LedgerKind.Grant, Currency = "USD", Description = "test", ProjectId = _b,
            Lines = [new(Accounts.Pot, LedgerKind.Grant, -500), new(Accounts.Project(_b), LedgerKind.Grant, 500)],
        });
        var noPot = await Allocation.PreviewAsync(October.AddMonths(-1));

        Assert.Equal(0, noCharges.TotalGranted);
        Assert.Equal(0, noPot.TotalGranted);
        Assert.Equal(0, noPot.PotBalance);
    }

    [Fact]
    public async Task Allocate_TwiceOrConcurrently_GrantsOnce()
    {
        await FillPotAsync(5_000);
        await ChargeAsync(_a, 700, "a1");

        await Task.WhenAll(Allocation.AllocateAsync(October), Allocation.AllocateAsync(October));
        var again = await Allocation.AllocateAsync(October);

        Assert.True(again.AlreadyAllocated);
        Assert.Equal(5_000 - 700, await PotAsync());
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.PotGrants.CountAsync());
    }

    [Fact]
    public async Task Allocate_TheCurrentMonth_WaitsUntilItCloses()
    {
        await FillPotAsync(5_000);

        var plan = await Allocation.AllocateAsync(new DateOnly(2026, 11, 1));

        Assert.False(plan.AlreadyAllocated);
        Assert.Equal(5_000, await PotAsync());
    }

    [Fact]
    public async Task Refund_OfAShareAlreadyGranted_LeavesThePotOwingUntilNewShares()
    {
        // The rule: a refund always takes its pot share back, even from a pot that granted it already. The pot may then
        // show a negative balance (the books still balance), and allocations grant nothing until shares refill it.
        var gift = await Ledger.PostAsync(Ledgers.Donation(_donor, 50_000, "gift", new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), pot: 500));
        await ChargeAsync(_a, 500, "a1");
        await Allocation.AllocateAsync(October);

        await Ledger.ReverseAsync(gift.Transaction.Id, "refund", LedgerKind.Refund, "Refund");

        Assert.Equal(-500, await PotAsync());
        Assert.True(await BooksBalanceAsync());
        Assert.Equal(0, (await Allocation.PreviewAsync(October.AddMonths(-1))).PotBalance);
    }

    [Fact]
    public async Task AllocateAsOperator_SomeoneElse_IsRefusedAndWritesNothing()
    {
        await FillPotAsync(5_000);
        await ChargeAsync(_a, 700, "a1");
        var maintainer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "7")], "test"));
        var operatorUser = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "42")], "test"));
        await _factory.SignInAsync(maintainer, operatorUser);

        Assert.Null(await Allocation.AllocateAsOperatorAsync(October, maintainer));
        Assert.Equal(5_000, await PotAsync());
        Assert.NotNull(await Allocation.AllocateAsOperatorAsync(October, operatorUser));
        Assert.Equal(4_300, await PotAsync());
    }

    [Fact]
    public async Task MonthClose_AllocatesTheMonthJustEndedByItself()
    {
        await FillPotAsync(2_000);
        await ChargeAsync(_a, 300, "a1");

        _factory.Time.Advance(TimeSpan.FromHours(1));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await PotAsync() == 2_000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(1_700, await PotAsync());
    }

    [Fact]
    public async Task GetPot_ShowsBalanceContributedGrantedAndGrants()
    {
        await FillPotAsync(2_000);
        await ChargeAsync(_a, 300, "a1");
        await Allocation.AllocateAsync(October);

        var pot = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/pot", TestContext.Current.CancellationToken);

        Assert.Equal(1_700, pot.GetProperty("balance").GetInt64());
        Assert.Equal(2_000, pot.GetProperty("contributed").GetInt64());
        Assert.Equal(300, pot.GetProperty("granted").GetInt64());
        var grant = pot.GetProperty("grants").EnumerateArray().Single();
        Assert.Equal("2026-10", grant.GetProperty("month").GetString());
        Assert.Equal("a", grant.GetProperty("project").GetString());
        Assert.Equal(300, grant.GetProperty("owed").GetInt64());
    }
}
