using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects.Usage;

namespace CrowdSite.Features.Projects;

/// <summary>
/// One project with its lifetime totals. <see cref="IncomeRate"/> is what the runway counts on each month (active
/// pledges + the median of the last months' one-time totals); <see cref="Shortfall"/> is monthly cost − income rate,
/// 0 when covered; <see cref="Runway"/> says how long the balance lasts and by which method (trend | steady).
/// <see cref="ActiveUsers"/>: the latest 30-day active users reported in the last 30 days (null without);
/// <see cref="CostPerActiveUser"/>: monthly cost ÷ active users in minor units, rounded half up to two decimals (null without users);
/// <see cref="BreakEven"/>: the sustainability calculator at monthly gifts of 1, 3 and 5 (minor units 100, 300, 500).
/// </summary>
public sealed record ProjectDetail(
    string Slug, string Name, string Tagline, string Repository, string RepositoryUrl, string Category, ProjectStatus Status,
    Health Health, long MonthlyCost, long MonthlyDonationRate, long Balance, int? RunwayDays, DateOnly? FundedUntil, double? Coverage,
    long IncomeRate, long Shortfall, RunwayFigures Runway, string Currency, FundingTotals Totals, string Description, string? WebsiteUrl,
    long? ActiveUsers, double? CostPerActiveUser, IReadOnlyList<BreakEven> BreakEven);
