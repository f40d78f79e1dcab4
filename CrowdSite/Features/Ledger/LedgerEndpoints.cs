using CrowdSite.Features.Platform;
using CrowdSite.Features.Projects;
using CrowdSite.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Ledger;

public static class LedgerEndpoints
{
    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/projects/{slug}/ledger", LedgerAsync).WithTags("Ledger").WithName("GetProjectLedger")
            .WithSummary("A project's ledger entries, oldest first, in pages (limit: default 500, at most 5000). "
                + "from/to are ISO 8601 dates or instants (a bare 'to' date includes that day). Accept: text/csv (or format=csv) returns the whole range as CSV.")
            .Produces<LedgerPage>(contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        app.MapGet("/api/v1/books", BooksAsync).WithTags("Ledger").WithName("GetBooks")
            .WithSummary("The platform-wide reconciliation: every account recomputed from its entries, and whether the books balance.");
        return app;
    }

    private static async Task<Results<Ok<LedgerPage>, EmptyHttpResult, ProblemHttpResult>> LedgerAsync(
        string slug, string? from, string? to, string? limit, long? after, string? format, HttpContext http,
        ProjectDirectory directory, LedgerQueries ledger, CancellationToken ct)
    {
        var (filter, size, problem) = ReadQuery(from, to, limit, after, format);
        if (problem is not null)
        {
            return problem;
        }

        if (await directory.FindAsync(slug, ct) is not { } project)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        if (format == "csv" || (format is null && WantsCsv(http.Request)))
        {
            await LedgerCsv.WriteAsync(http.Response, project.Slug, ledger.StreamAsync(project.Id, filter, ct), ct);
            return TypedResults.Empty;
        }

        var (items, more) = await ledger.PageAsync(project.Id, filter, size, ct);
        var next = more ? NextUrl(http.Request, items[^1].Id) : null;
        return TypedResults.Ok(new LedgerPage(items, next));
    }

    /// <summary>The ledger query's range and page size, or a 400 naming the first bad parameter.</summary>
    private static (LedgerFilter Filter, int Size, ProblemHttpResult? Problem) ReadQuery(
        string? from, string? to, string? limit, long? after, string? format)
    {
        if (!QueryValues.TryParseInstant(from, upperBound: false, out var fromAt))
        {
            return (default!, 0, ApiProblems.BadParameter("from", QueryValues.DateProblem(from)));
        }

        if (!QueryValues.TryParseInstant(to, upperBound: true, out var toAt))
        {
            return (default!, 0, ApiProblems.BadParameter("to", QueryValues.DateProblem(to)));
        }

        if (fromAt > toAt)
        {
            return (default!, 0, ApiProblems.BadParameter("from", "'from' is after 'to'."));
        }

        if (format is not (null or "json" or "csv"))
        {
            return (default!, 0, ApiProblems.BadParameter("format", "'format' is json or csv (or send Accept: text/csv)."));
        }

        var size = LedgerQueries.DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > LedgerQueries.MaxPageSize))
        {
            return (default!, 0, ApiProblems.BadParameter("limit", $"'limit' is a whole number from 1 to {LedgerQueries.MaxPageSize}."));
        }

        return (new LedgerFilter(fromAt, toAt, AfterId: after), size, null);
    }

    private static async Task<Ok<Books>> BooksAsync(BooksService books, IOptions<PlatformOptions> platform, CancellationToken ct) =>
        TypedResults.Ok(await books.ReconcileAsync(platform.Value.Currency, ct));

    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    private static string NextUrl(HttpRequest request, long lastId)
    {
        var site = request.HttpContext.RequestServices.GetRequiredService<Platform.PublicSite>();
        var query = request.Query.Where(q => q.Key != "after")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"after={lastId}");
        return site.UrlFor(request, $"{request.Path}?{string.Join('&', query)}");
    }
}
