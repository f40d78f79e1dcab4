using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects.Deploys;
using CrowdSite.Features.Projects.Usage;
using CrowdSite.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using static System.FormattableString;

namespace CrowdSite.Features.Projects;

public static class ProjectEndpoints
{
    public static IEndpointRouteBuilder MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/v1/projects").WithTags("Projects");
        projects.MapGet("/", ListAsync).WithName("ListProjects").WithSummary("Every project with its health, rates, balance and runway.");
        projects.MapGet("/{slug}", GetAsync).WithName("GetProject").WithSummary("One project with its lifetime totals, coverage, shortfall and runway (days, fundedUntil, method).");
        projects.MapGet("/{slug}/deployments", DeploymentsAsync).WithName("GetProjectDeployments")
            .WithSummary("Each deployment, newest first: its commit, when it ran, its cost per complete UTC day (partial days left out), per 1,000 requests, and the change against the one before.");
        projects.MapGet("/{slug}/sustainability", SustainabilityAsync).WithName("GetProjectSustainability")
            .WithSummary("The calculator: if each of some share of the project's monthly active users gave this monthly gift (gift=\"3\", \"2.50\"), how many would make it sustainable.");
        projects.MapGet("/{slug}/series", SeriesAsync).WithName("GetProjectSeries")
            .WithSummary("Chart points: metric=cost|donations|balance, interval=day|week|month, optional from/to dates (default: the last 365 days).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ProjectListItem>>> ListAsync(ProjectDirectory directory, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<ProjectListItem>>((await directory.ListAsync(ct)).Select(ProjectListItem.From).ToList());

    private static async Task<Results<Ok<ProjectDetail>, ProblemHttpResult>> GetAsync(
        string slug, ProjectDirectory directory, FiguresService figures, ProjectPageService pages, CancellationToken ct)
    {
        if (await directory.SummaryAsync(slug, ct) is not { } summary || await pages.LoadAsync(slug, ct) is not { } model)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        var (p, f) = (summary.Project, summary.Figures);
        var totals = await figures.TotalsAsync(p.Id, ct);
        return TypedResults.Ok(new ProjectDetail(
            p.Slug, p.Name, p.Tagline, p.Repository, p.RepositoryUrl, p.Category, p.Status, f.Health, f.MonthlyCost,
            f.MonthlyDonationRate, f.Balance, f.RunwayDays, f.FundedUntil, f.Coverage, f.IncomeRate, f.Shortfall, f.Runway, f.Currency,
            totals, p.Description, p.WebsiteUrl, model.Usage.ActiveUsers, model.Usage.CostPerActiveUserMinor, model.Usage.BreakEvens));
    }

    private static async Task<Results<Ok<IReadOnlyList<DeployCost>>, ProblemHttpResult>> DeploymentsAsync(
        string slug, ProjectPageService pages, CancellationToken ct) =>
        slug.Length <= 100 && await pages.LoadAsync(slug, ct) is { } model
            ? TypedResults.Ok(model.Deploys)
            : ApiProblems.ProjectNotFound(slug);

    /// <summary>From the page's cached model, like the donation quote: the same figures the page shows.</summary>
    private static async Task<Results<Ok<SustainabilityAnswer>, ProblemHttpResult>> SustainabilityAsync(
        string slug, string? gift, ProjectPageService pages, ProjectUsageReader usage, DonationService donations, CancellationToken ct)
    {
        if (slug.Length > 100 || await pages.LoadAsync(slug, ct) is not { } model)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        var (p, f) = (model.Project, model.Figures);
        var (amount, error) = DonationRules.ParseGift(gift, p.Currency, donations.Options);
        if (amount is not { } valid || error is not null)
        {
            return TypedResults.Ok(new SustainabilityAnswer(amount, p.Currency, error ?? "Enter a monthly gift like 3 or 2.50.", null, null));
        }

        var answer = Sustainability.Compute(p.Name, valid, f.MonthlyCost, f.Shortfall, model.Usage.ActiveUsers, p.Currency, usage.Fees);
        return TypedResults.Ok(new SustainabilityAnswer(valid, p.Currency, null,
            answer?.Text ?? $"{p.Name} has no computing costs to cover yet.", answer));
    }

    private static async Task<Results<Ok<Series>, ProblemHttpResult>> SeriesAsync(
        string slug, string? metric, string? interval, string? from, string? to,
        ProjectDirectory directory, SeriesService series, FiguresService figures, CancellationToken ct)
    {
        if (!Enum.TryParse<SeriesMetric>(metric ?? "cost", ignoreCase: true, out var m) || int.TryParse(metric, out _))
        {
            return ApiProblems.BadParameter("metric", $"Unknown metric '{metric}': use cost, donations or balance.");
        }

        if (!Enum.TryParse<SeriesInterval>(interval ?? "day", ignoreCase: true, out var i) || int.TryParse(interval, out _))
        {
            return ApiProblems.BadParameter("interval", $"Unknown interval '{interval}': use day, week or month.");
        }

        if (!QueryValues.TryParseDate(from, out var fromDate) || !QueryValues.TryParseDate(to, out var toDate))
        {
            var bad = fromDate is null && from is not null ? "from" : "to";
            return ApiProblems.BadParameter(bad, QueryValues.DateProblem(bad == "from" ? from : to));
        }

        var end = toDate ?? figures.Today;
        var start = fromDate ?? end.AddDays(-364);
        if (start > end)
        {
            return ApiProblems.BadParameter("from", Invariant($"'from' ({start:yyyy-MM-dd}) is after 'to' ({end:yyyy-MM-dd})."));
        }

        if (end.DayNumber - start.DayNumber > 366 * 5)
        {
            return ApiProblems.BadParameter("from", "A series covers at most five years; narrow 'from' and 'to'.");
        }

        if (await directory.FindAsync(slug, ct) is not { } project)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        return TypedResults.Ok(await series.GetAsync(project.Id, project.Currency, m, i, start, end, ct));
    }
}
