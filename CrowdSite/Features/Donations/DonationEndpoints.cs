using CrowdSite.Features.SignIn;
using CrowdSite.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrowdSite.Features.Donations;

public static class DonationEndpoints
{
    public static IEndpointRouteBuilder MapDonationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/projects/{slug}/donations", StartAsync).WithTags("Donations").WithName("StartDonation")
            .WithSummary("Starts a donation: validates it and answers 201 with the checkout URL to send the donor to.")
            .RequireRateLimiting(Infrastructure.Http.RateLimits.DonationStarts).DisableAntiforgery();
        app.MapGet("/api/v1/projects/{slug}/donations/quote", Quote).WithTags("Donations").WithName("QuoteDonation")
            .WithSummary("Quotes a gift typed as text (\"25\", \"12.50\"): the total to pay, the expected fee, the pot share, what reaches the project and what it pays for (buysOnce, buysMonthly).");
        app.MapGet("/api/v1/projects/{slug}/backers", BackersAsync).WithTags("Donations").WithName("GetProjectBackers")
            .WithSummary("The project's backers: how many (anonymous ones included) and the named ones (at most 24), with the amount only where the donor chose to show it.");
        return app;
    }

    private static async Task<Results<Ok<BackersResponse>, ProblemHttpResult>> BackersAsync(string slug, Projects.ProjectPageService pages)
    {
        if (slug.Length > 100 || await pages.LoadAsync(slug) is not { } model)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        return TypedResults.Ok(new BackersResponse(model.BackerCount, model.Project.Currency,
            model.Backers.Select(b => new BackerItem(b.Name, b.Total, b.Monthly)).ToList()));
    }

    private static async Task<Results<Created<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string slug, DonationRequest? request, HttpContext http, DonationService donations, CancellationToken ct)
    {
        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a JSON body with amount and currency."] });
        }

        var siteBase = http.RequestServices.GetRequiredService<Platform.PublicSite>().BaseFor(http.Request);
        // A signed-in donor's gift shows on their /me page; anyone else gives without an account.
        var start = await donations.StartAsync(slug, request, siteBase, http.User.GitHubUserId(), ct);
        if (!start.ProjectFound)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        return start.Succeeded
            ? TypedResults.Created(start.CheckoutUrl, new CheckoutResponse(start.CheckoutUrl!))
            : TypedResults.ValidationProblem(start.Errors, title: "The donation is not valid");
    }

    /// <summary>
    /// The donate panel's quote as the donor types: the same rules the service applies when the gift starts, and what
    /// the gift pays for from the project's figures (the page's cached model, dropped whenever its money moves).
    /// </summary>
    private static async Task<Ok<QuoteResponse>> Quote(
        string slug, string? amount, bool? coverFees, bool? potOptIn, DonationService donations, Projects.ProjectPageService pages)
    {
        var (gift, error) = DonationRules.ParseGift(amount, donations.Currency, donations.Options);
        var quote = gift is { } valid && error is null ? donations.Quote(valid, coverFees == true, potOptIn == true) : null;
        var response = QuoteResponse.Of(gift, donations.Currency, error, quote);
        if (quote is null || slug.Length > 100 || await pages.LoadAsync(slug) is not { } model)
        {
            return TypedResults.Ok(response);
        }

        var (name, figures) = (model.Project.Name, model.Figures);
        return TypedResults.Ok(response with
        {
            BuysOnce = GiftImpact.RunsFor(name, quote.Gross, quote.NetToProject, figures),
            BuysMonthly = GiftImpact.MonthlyShare(name, quote.Gross, quote.NetToProject, figures.Shortfall, figures),
        });
    }
}
