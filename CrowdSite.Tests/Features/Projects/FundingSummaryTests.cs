using Bunit;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Features.Projects;

public sealed class FundingSummaryTests : ComponentTestContext
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void Render_Healthy_ShowsFullCoverageAndHealthyBadge()
    {
        var cut = Render<FundingSummary>(p => p.Add(s => s.Figures, Funding.Compute("USD", 50_000, 20_000, 30_000, Today)));

        Assert.Equal("Healthy", cut.Find("[data-testid='health']").TextContent.Trim());
        Assert.Equal("Donations cover 150% of costs", cut.Find("[data-testid='coverage'] p").TextContent.Trim());
        Assert.Equal("Sustainable", cut.Find("[data-testid='runway']").TextContent.Trim());
        Assert.Equal("$200.00", cut.Find("[data-testid='monthly-cost']").TextContent.Trim());
        Assert.Equal("P", cut.Find("[data-testid='balance']").TagName); // a figure, not a heading
        Assert.Equal("$300.00", cut.Find("[data-testid='donation-rate']").TextContent.Trim());
        Assert.Equal("Costs covered ($200.00 a month)", cut.Find("[data-testid='shortfall']").TextContent.Trim());
    }

    [Fact]
    public void Render_Shortfall_SaysWhatItNeedsAMonthAndExplainsTheModel()
    {
        var cut = Render<FundingSummary>(p => p.Add(s => s.Figures, Funding.Compute("USD", 15_500, 11_490, 5_050, Today)));

        Assert.Equal("Needs $64.40 more a month", cut.Find("[data-testid='shortfall']").TextContent.Trim());
        Assert.StartsWith("How long it lasts:", cut.Find("[data-testid='runway-model']").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid='runway-other']"));
        // A screen reader reads the bar's value: the whole percent its text says (44%), not 43.95126196692776.
        Assert.Equal("Donations cover 44% of costs", cut.Find("[data-testid='coverage'] p").TextContent.Trim());
        Assert.Equal("44", cut.Find("[role='progressbar']").GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void Render_RisingCosts_ShowsTheRunwayIfNothingChangesToo()
    {
        var daily = Enumerable.Range(0, 90).Select(i => 200L + 300L * i / 89).ToArray();
        var figures = Funding.Compute("USD", new FundingInputs(20_000, daily[^30..].Sum(), 3_000, 3_000, [0, 0, 0, 0, 0, 0], daily), Today);

        var cut = Render<FundingSummary>(p => p.Add(s => s.Figures, figures));

        var other = cut.Find("[data-testid='runway-other']").TextContent;
        Assert.Contains("at the current trend (costs rising)", other);
        Assert.Contains($"if nothing changes: until {figures.Runway.FundedUntilIfNothingChanges:MMM d, yyyy}", other);
    }

    [Fact]
    public void Render_NeedsSupport_ShowsFundedUntilDate()
    {
        var cut = Render<FundingSummary>(p => p.Add(s => s.Figures, Funding.Compute("USD", 4_500, 3_000, 0, Today)));

        Assert.Equal("Needs support", cut.Find("[data-testid='health']").TextContent.Trim());
        Assert.Equal("Funded until Jan 10, 2027 (45 days)", cut.Find("[data-testid='runway']").TextContent.Trim());
        Assert.Equal("Donations cover 0% of costs", cut.Find("[data-testid='coverage'] p").TextContent.Trim());
    }

    [Fact]
    public void Render_Critical_ShowsCriticalBadgeAndNegativeBalanceInRed()
    {
        var cut = Render<FundingSummary>(p => p.Add(s => s.Figures, Funding.Compute("USD", -250, 3_000, 1_500, Today)));

        Assert.Equal("Critical", cut.Find("[data-testid='health']").TextContent.Trim());
        Assert.Contains("0 days", cut.Find("[data-testid='runway']").TextContent);
        Assert.NotNull(cut.Find("[data-testid='balance'] .money-negative"));
    }

    [Fact]
    public void Render_NoCosts_SaysSoInsteadOfACoverage()
    {
        var cut = Render<FundingSummary>(p => p.Add(s => s.Figures, Funding.Compute("USD", 0, 0, 0, Today)));

        Assert.Equal("No compute costs in the last 30 days", cut.Find("[data-testid='coverage'] p").TextContent.Trim());
        Assert.Equal("Sustainable", cut.Find("[data-testid='runway']").TextContent.Trim());
    }

    [Fact]
    public void Render_WithTotals_ShowsGrossFeesAndNet()
    {
        var cut = Render<FundingSummary>(p => p
            .Add(s => s.Figures, Funding.Compute("USD", 0, 0, 0, Today))
            .Add(s => s.Totals, new FundingTotals(10_000, 320, 0, 100, 0, 0)));

        var text = cut.Find("[data-testid='gross-fees-net']").TextContent;
        Assert.Contains("$100.00", text);
        Assert.Contains("$3.20", text);
        Assert.Contains("$95.80", text);
        Assert.DoesNotContain("gross", text);
        Assert.DoesNotContain("net ", text);
        Assert.Contains("went to the payment processor", text);
    }
}
