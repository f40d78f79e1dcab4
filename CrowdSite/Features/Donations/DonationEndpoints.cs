using CrowdSite.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrowdSite.Features.Donations;

public sealed record CheckoutResponse(string CheckoutUrl);

public static class DonationEndpoints
{
    public static IEndpointRouteBuilder MapDonationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/projects/{slug}/donations", StartAsync).WithTags("Donations").WithName("StartDonation")
            .WithSummary("Starts a donation: validates it and answers 201 with the checkout URL to send the donor to.")
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Created<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string slug, DonationRequest? request, HttpContext http, DonationService donations, CancellationToken ct)
    {
        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a JSON body with amount and currency."] });
        }

        var siteBase = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        var start = await donations.StartAsync(slug, request, siteBase, ct);
        if (!start.ProjectFound)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        return start.Succeeded
            ? TypedResults.Created(start.CheckoutUrl, new CheckoutResponse(start.CheckoutUrl!))
            : TypedResults.ValidationProblem(start.Errors, title: "The donation is not valid");
    }
}
