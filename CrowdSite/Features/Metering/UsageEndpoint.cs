using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering;

/// <summary>POST /api/v1/usage: a batch of compute charges, all or nothing, idempotent on id.</summary>
public static class UsageEndpoint
{
    public static async Task<Results<Ok<UsageResult>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, UsageIngest ingest, IOptions<MeteringOptions> options, CancellationToken ct)
    {
        var (batch, problem) = await JsonBody.ReadAsync<UsageBatch>(request, options.Value.MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var charges = batch?.Charges ?? [];
        if (MeteringProblems.OfSize(charges.Count, options.Value.MaxBatchSize, "charges", "charge") is { } refused)
        {
            return refused;
        }

        var outcome = await ingest.IngestAsync(charges, ct);
        if (outcome.Errors.Count > 0)
        {
            return MeteringProblems.Unprocessable(outcome.Errors, "Some charges are invalid; nothing was recorded");
        }

        if (outcome.Conflicts.Count > 0)
        {
            return TypedResults.Problem($"These ids were recorded before with different content: {string.Join(", ", outcome.Conflicts.Take(20))}. Nothing was recorded.",
                statusCode: StatusCodes.Status409Conflict, title: "Conflicting charge ids",
                extensions: new Dictionary<string, object?> { ["conflicts"] = outcome.Conflicts });
        }

        return TypedResults.Ok(outcome.Result!);
    }
}
