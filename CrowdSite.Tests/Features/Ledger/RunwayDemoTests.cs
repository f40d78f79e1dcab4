using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Ledger;

/// <summary>The runway model on the demo's year of history (issue 14: a backtest, and what one gift does).</summary>
public sealed class RunwayDemoTests(SeededSite site) : IClassFixture<SeededSite>
{
    // Projects whose pledges and costs ran steadily through the last four months of the demo (Lobsters lost a pledge
    // on day 300 and its balance is near zero; Excalidraw lives on free-tier grants, which the model does not count).
    private static readonly string[] SteadyProjects = ["crowdsite", "takahe", "miniflux", "umami"];

    private IServiceProvider Services => site.Factory.Services;

    [Fact]
    public async Task Backtest_DemoSteadyProjects_RunwayThirtyDaysAgoPredictsTodaysBalanceWithinTenPercent()
    {
        var figures = Services.GetRequiredService<FiguresService>();
        var projects = await Services.GetRequiredService<ProjectDirectory>().ListAsync(TestContext.Current.CancellationToken);

        var report = new List<string> { $"Runway backtest on the demo, {figures.Today:yyyy-MM-dd}: the balance predicted 30 days earlier vs reached." };
        var today = new List<(string Slug, BacktestResult Result)>();
        foreach (var p in projects.OrderBy(p => p.Project.Slug, StringComparer.Ordinal))
        {
            var result = await figures.BacktestAsync(p.Project.Id, 30, ct: TestContext.Current.CancellationToken);
            today.Add((p.Project.Slug, result));
            // The same on each of the 30 days before, to see how much one date's figure owes to luck.
            var rolling = new List<double>();
            for (var back = 1; back <= 30; back++)
            {
                var earlier = await figures.BacktestAsync(p.Project.Id, 30, figures.Today.AddDays(-back), TestContext.Current.CancellationToken);
                rolling.Add(earlier.Error ?? 0);
            }

            var r = result;
            report.Add($"{p.Project.Slug}: {r.From:yyyy-MM-dd} balance {r.BalanceThen}, predicted {r.Predicted}, reached {r.Actual}: " +
                $"error {r.Error:+0.0%;-0.0%} ({r.ErrorInDays:+0.0;-0.0} days of cost); the 30 days before: median |error| " +
                $"{rolling.Select(Math.Abs).Order().ElementAt(15):0.0%}, worst {rolling.MaxBy(Math.Abs):+0.0%;-0.0%}");
        }

        WriteReport(report);
        Assert.All(today.Where(r => SteadyProjects.Contains(r.Slug)), r =>
            Assert.True(r.Result.Error is > -0.10 and < 0.10, $"{r.Slug}: predicted {r.Result.Predicted}, actual {r.Result.Actual}"));
    }

    /// <summary>The figures, for a person: TestResults/runway-backtest.txt (beside the browser tests' screenshots).</summary>
    private static void WriteReport(IReadOnlyList<string> lines)
    {
        File.WriteAllLines(Path.Combine(BrowserFixture.ArtifactsDirectory, "..", "runway-backtest.txt"), lines);
        foreach (var line in lines)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }
    }

    [Fact]
    public async Task SimulatedGift_25DollarsToTakahe_MovesTheRunwayByGiftOverDailyShortfallAndKeepsItsHealth()
    {
        var directory = Services.GetRequiredService<ProjectDirectory>();
        var donations = Services.GetRequiredService<DonationService>();
        var before = (await directory.SummaryAsync("takahe", TestContext.Current.CancellationToken))!.Figures;

        var start = await donations.StartAsync("takahe", new DonationRequest(2_500, "USD"), new Uri("http://localhost/"), TestContext.Current.CancellationToken);
        Assert.NotNull(await donations.PaySimulatedAsync(start.IntentId!.Value, TestContext.Current.CancellationToken));

        var after = (await directory.SummaryAsync("takahe", TestContext.Current.CancellationToken))!.Figures;
        var net = after.Balance - before.Balance;
        // Costs rise along their trend, so the gift's days come at the end of the runway, at that day's shortfall.
        var dailyShortfallAtTheEnd = before.Trend!.CostOnDay(before.RunwayDays!.Value) - before.IncomeRate / (double)Funding.TrailingDays;
        var expectedGain = net / dailyShortfallAtTheEnd;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"takahe: {before.Health} {before.RunwayDays} days, shortfall {before.Shortfall} → {after.Health} {after.RunwayDays} days (expected +{expectedGain:0.0})");
        Assert.Equal(Health.NeedsSupport, before.Health);
        Assert.Equal(Health.NeedsSupport, after.Health);
        Assert.True(before.Shortfall > 0);
        Assert.InRange(after.RunwayDays!.Value - before.RunwayDays!.Value, expectedGain - 2, expectedGain + 2);
    }
}
