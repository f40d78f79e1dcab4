using CrowdSite.Features.Ledger;

namespace CrowdSite.Tests.Features.Ledger;

public sealed class FundingTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void Compute_NoChargesNoDonations_IsSustainableAndHealthy()
    {
        var figures = Funding.Compute("USD", 0, 0, 0, Today);

        Assert.Null(figures.RunwayDays);
        Assert.Null(figures.Coverage);
        Assert.Null(figures.FundedUntil);
        Assert.Equal(Health.Healthy, figures.Health);
    }

    [Fact]
    public void Compute_DonationsCoverCost_IsSustainableWithCoverageOverOne()
    {
        var figures = Funding.Compute("USD", 100, 3_000, 4_500, Today);

        Assert.Null(figures.RunwayDays);
        Assert.Equal(1.5, figures.Coverage);
        Assert.Equal(Health.Healthy, figures.Health);
    }

    [Fact]
    public void Compute_DonationsEqualCost_IsSustainable()
    {
        Assert.True(Funding.Compute("USD", 0, 3_000, 3_000, Today).Sustainable);
    }

    [Fact]
    public void Compute_ChargesButNoDonations_RunwayIsBalanceOverDailyCost()
    {
        // $30 a month is $1 a day; $45 lasts 45 days.
        var figures = Funding.Compute("USD", 4_500, 3_000, 0, Today);

        Assert.Equal(45, figures.RunwayDays);
        Assert.Equal(0, figures.Coverage);
        Assert.Equal(Today.AddDays(45), figures.FundedUntil);
        Assert.Equal(Health.NeedsSupport, figures.Health);
    }

    [Theory]
    [InlineData(2_900, 29, Health.Critical)]
    [InlineData(3_000, 30, Health.NeedsSupport)]
    [InlineData(8_900, 89, Health.NeedsSupport)]
    [InlineData(9_000, 90, Health.Healthy)]
    public void Compute_RunwayAtTheEdges_GivesHealth(long balance, int runway, Health health)
    {
        var figures = Funding.Compute("USD", balance, 4_000, 1_000, Today);

        Assert.Equal(runway, figures.RunwayDays);
        Assert.Equal(health, figures.Health);
    }

    [Fact]
    public void Compute_NoBalanceAndBurning_IsCriticalWithZeroRunway()
    {
        var figures = Funding.Compute("USD", -500, 3_000, 1_000, Today);

        Assert.Equal(0, figures.RunwayDays);
        Assert.Equal(Health.Critical, figures.Health);
    }

    [Fact]
    public void RunwayDays_HugeBalance_DoesNotOverflow()
    {
        Assert.Equal(int.MaxValue, Funding.RunwayDays(long.MaxValue / 2, 2, 1));
    }
}
