using CrowdSite.Features.Ledger;

namespace CrowdSite.Features.Projects;

/// <summary>A project in the public list (DESIGN §6). Amounts are minor units of <see cref="Currency"/>.</summary>
public sealed record ProjectListItem(
    string Slug, string Name, string Tagline, string Repository, string Category, ProjectStatus Status, Health Health,
    long MonthlyCost, long MonthlyDonationRate, long Balance, int? RunwayDays, DateOnly? FundedUntil, double? Coverage, string Currency)
{
    public static ProjectListItem From(ProjectSummary s) => new(
        s.Project.Slug, s.Project.Name, s.Project.Tagline, s.Project.Repository, s.Project.Category, s.Project.Status, s.Figures.Health,
        s.Figures.MonthlyCost, s.Figures.MonthlyDonationRate, s.Figures.Balance, s.Figures.RunwayDays, s.Figures.FundedUntil,
        s.Figures.Coverage, s.Figures.Currency);
}
