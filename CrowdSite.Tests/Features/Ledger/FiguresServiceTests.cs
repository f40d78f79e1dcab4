using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Features.Ledger;

public sealed class FiguresServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private int _projectId;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _projectId = (await _database.AddProjectAsync()).Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ForProject_EmptyHistory_IsZeroAndSustainable()
    {
        var figures = await _database.Figures().ForProjectAsync(_projectId, "USD");

        Assert.Equal(0, figures.Balance);
        Assert.Equal(0, figures.MonthlyCost);
        Assert.Equal(0, figures.MonthlyDonationRate);
        Assert.Null(figures.RunwayDays);
        Assert.Equal(Health.Healthy, figures.Health);
    }

    [Fact]
    public async Task ForProject_ChargesOlderThan30Days_AreNotInMonthlyCost()
    {
        var ledger = _database.Ledger();
        await ledger.PostBatchAsync(
        [
            Ledgers.Charge(_projectId, 1_000, "old", Ledgers.DaysAgo(30)),
            Ledgers.Charge(_projectId, 200, "edge", Ledgers.DaysAgo(29)),
            Ledgers.Charge(_projectId, 300, "today", Ledgers.DaysAgo(0)),
        ]);

        var figures = await _database.Figures().ForProjectAsync(_projectId, "USD");

        Assert.Equal(500, figures.MonthlyCost);
        Assert.Equal(-1_500, figures.Balance);
    }

    [Fact]
    public async Task ForProject_Time_MovesTheTrailingWindow()
    {
        await _database.Ledger().PostAsync(Ledgers.Charge(_projectId, 700, "c", Ledgers.DaysAgo(1)));

        _database.Time.Advance(TimeSpan.FromDays(30));

        Assert.Equal(0, (await _database.Figures().ForProjectAsync(_projectId, "USD")).MonthlyCost);
    }

    [Fact]
    public async Task ForProject_DonationRate_IsActivePledgesPlusRecentOneTimeGifts()
    {
        await _database.AddPledgeAsync(_projectId, 1_500);
        await _database.AddPledgeAsync(_projectId, 9_000, PledgeStatus.Ended);
        await _database.Ledger().PostBatchAsync(
        [
            Ledgers.Donation(_projectId, 1_500, "pledge-payment", Ledgers.DaysAgo(3), recurring: true),
            Ledgers.Donation(_projectId, 2_000, "recent", Ledgers.DaysAgo(10)),
            Ledgers.Donation(_projectId, 5_000, "old", Ledgers.DaysAgo(45)),
        ]);

        var figures = await _database.Figures().ForProjectAsync(_projectId, "USD");

        Assert.Equal(1_500 + 2_000, figures.MonthlyDonationRate);
        Assert.Equal(8_500, figures.Balance);
    }

    [Fact]
    public async Task ForProject_DisputeWon_BringsTheGiftBackIntoTheDonationRate()
    {
        var ledger = _database.Ledger();
        var gift = await ledger.PostAsync(Ledgers.Donation(_projectId, 2_000, "gift", Ledgers.DaysAgo(10), fee: 88));
        var dispute = await ledger.ReverseAsync(gift.Transaction.Id, "dispute", LedgerKind.Refund, "Disputed");
        Assert.Equal(0, (await _database.Figures().ForProjectAsync(_projectId, "USD")).MonthlyDonationRate);

        await ledger.ReverseAsync(dispute.Transaction.Id, "dispute-won", LedgerKind.Reversal, "Dispute won");

        var figures = await _database.Figures().ForProjectAsync(_projectId, "USD");
        Assert.Equal(2_000, figures.MonthlyDonationRate);
        Assert.Equal(2_000 - 88, figures.Balance);
    }

    [Fact]
    public async Task ForProject_CostAboveDonations_GivesRunwayAndHealth()
    {
        await _database.AddPledgeAsync(_projectId, 1_000);
        await _database.Ledger().PostBatchAsync(
        [
            Ledgers.Donation(_projectId, 7_000, "launch", Ledgers.DaysAgo(60)),
            Ledgers.Charge(_projectId, 4_000, "month", Ledgers.DaysAgo(5)),
        ]);

        var figures = await _database.Figures().ForProjectAsync(_projectId, "USD");

        // burn = 4,000 − 1,000 a month = 100 a day; balance 3,000 lasts 30 days.
        Assert.Equal(30, figures.RunwayDays);
        Assert.Equal(0.25, figures.Coverage);
        Assert.Equal(Health.NeedsSupport, figures.Health);
    }

    [Fact]
    public async Task ForProject_OneTimeGiftToday_CountsInTheBalanceNotInTheIncomeRate()
    {
        await _database.AddPledgeAsync(_projectId, 1_000);
        var ledger = _database.Ledger();
        await ledger.PostBatchAsync(
        [
            .. Enumerable.Range(1, 120).Select(d => Ledgers.Charge(_projectId, 100, $"c{d}", Ledgers.DaysAgo(d))),
            Ledgers.Donation(_projectId, 9_000, "launch", Ledgers.DaysAgo(170)),
            Ledgers.Donation(_projectId, 500, "m2", Ledgers.DaysAgo(40)),
            Ledgers.Donation(_projectId, 800, "m3", Ledgers.DaysAgo(70)),
        ]);
        var before = await _database.Figures().ForProjectAsync(_projectId, "USD");

        await ledger.PostAsync(Ledgers.Donation(_projectId, 2_500, "gift", Ledgers.DaysAgo(0)));

        var after = await _database.Figures().ForProjectAsync(_projectId, "USD");
        Assert.Equal(1_000 + 250, before.IncomeRate); // windows 0, 500, 800, 0, 0, 9,000: median (0 + 500) ÷ 2
        Assert.Equal(1_000 + 650, after.IncomeRate); // the gift moves the median one place: (500 + 800) ÷ 2
        Assert.Equal(RunwayMethod.Trend, after.Runway.Method);
        Assert.Equal(before.Balance + 2_500, after.Balance);
        Assert.Equal(1_000 + 2_500, after.MonthlyDonationRate); // what came in, as DESIGN §4 shows it
        Assert.Equal(Health.Critical, after.Health);
    }

    [Fact]
    public async Task ForProject_TypicalIncomeMonths_IsHowManyWindowsTheMedianTakes()
    {
        await _database.Ledger().PostBatchAsync(
        [
            Ledgers.Donation(_projectId, 600, "m1", Ledgers.DaysAgo(5)),
            Ledgers.Donation(_projectId, 900, "m2", Ledgers.DaysAgo(35)),
        ]);

        Assert.Equal(600 + (900 - 600) / 2, (await _database.Figures(typicalIncomeMonths: 2).ForProjectAsync(_projectId, "USD")).IncomeRate);
        Assert.Equal(0, (await _database.Figures(typicalIncomeMonths: 6).ForProjectAsync(_projectId, "USD")).IncomeRate);
    }

    [Fact]
    public async Task Totals_AreMagnitudesThatReconcileWithTheBalance()
    {
        var ledger = _database.Ledger();
        await ledger.PostAsync(Ledgers.Donation(_projectId, 10_000, "d1", fee: 320, pot: 100));
        var refunded = await ledger.PostAsync(Ledgers.Donation(_projectId, 2_000, "d2", fee: 88));
        await ledger.PostAsync(Ledgers.Charge(_projectId, 1_234, "c1"));
        await ledger.ReverseAsync(refunded.Transaction.Id, "r2", LedgerKind.Refund, "Refund");

        var totals = await _database.Figures().TotalsAsync(_projectId);
        var balance = (await _database.Figures().ForProjectAsync(_projectId, "USD")).Balance;

        Assert.Equal(new FundingTotals(12_000, 408, 1_234, 100, 0, 2_000 - 88), totals);
        Assert.Equal(totals.Donated - totals.Fees - totals.PotContributed - totals.Charged + totals.Granted - totals.Refunded, balance);
    }
}
