using System.Text.Json;
using CrowdSite.Features.Platform;
using CrowdSite.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Ledger.Seals;

public static class SealEndpoints
{
    public const string LinesContentType = "application/jsonl; charset=utf-8";

    /// <summary>Where the site serves verify/verify_books.py, the checker a visitor runs against it.</summary>
    public const string VerifierPath = "/verify_books.py";

    public static IEndpointRouteBuilder MapSealEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/books/seals", SealsAsync).WithTags("Ledger").WithName("GetBookSeals")
            .WithSummary("Every closed UTC day's seal, oldest first: seal = SHA-256(previous seal ‖ SHA-256(the day's canonical lines)), "
                + "with the day's transaction and entry counts and its net movement per account; and each project's id, slug and repository.");
        app.MapGet("/api/v1/books/export", ExportAsync).WithTags("Ledger").WithName("GetBookExport")
            .WithSummary("The canonical lines of a sealed day (JSON Lines, one transaction with its entries a line, in id order): the bytes its day hash covers.")
            .Produces(StatusCodes.Status200OK, contentType: "application/jsonl");
        app.MapGet(VerifierPath, () => TypedResults.Stream(
                typeof(SealEndpoints).Assembly.GetManifestResourceStream("verify_books.py")!, "text/plain; charset=utf-8"))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<SealBook>> SealsAsync(BookSeals seals, IOptions<PlatformOptions> platform, CancellationToken ct)
    {
        var items = (await seals.SealsAsync(ct)).Select(s => new SealItem(s.Day, s.Seal, s.DayHash, s.Previous, s.Transactions, s.Entries,
            JsonSerializer.Deserialize<Dictionary<string, long>>(s.AccountSums)!)).ToList();
        return TypedResults.Ok(new SealBook("sha256", platform.Value.Currency, items.Count > 0 ? items[^1].Day : null,
            "crowdsite-books/1 (docs/books.md)", items, await seals.ProjectsAsync(ct)));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(string? day, BookSeals seals, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(day) || !QueryValues.TryParseDate(day, out var date) || date is not { } d || day.Length != 10)
        {
            return ApiProblems.BadParameter("day", "'day' is a UTC date such as 2026-11-05 (yyyy-MM-dd).");
        }

        return await seals.ExportAsync(d, ct) is { } lines
            ? TypedResults.File(lines, LinesContentType, $"books-{d:yyyy-MM-dd}.jsonl")
            : TypedResults.Problem($"{d:yyyy-MM-dd} is not sealed (yet): a day is sealed {BookSeals.Grace.TotalMinutes:0} minutes after it ends (UTC).",
                statusCode: StatusCodes.Status404NotFound, title: "Day not sealed");
    }
}
