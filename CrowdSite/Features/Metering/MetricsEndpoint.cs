using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering;

/// <summary>POST /api/v1/metrics: usage (not money) per project and day, all or nothing.</summary>
public static class MetricsEndpoint
{
    public static async Task<Results<Ok<MetricsResult>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, MetricsIngest ingest, IOptions<MeteringOptions> options, CancellationToken ct)
    {
        var (batch, problem) = await JsonBody.ReadAsync<MetricsBatch>(request, options.Value.MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var items = batch?.Metrics ?? [];
        if (MeteringProblems.OfSize(items.Count, options.Value.MaxBatchSize, "metrics", "item") is { } refused)
        {
            return refused;
        }

        var (result, errors) = await ingest.IngestAsync(items, ct);
        return errors.Count > 0 ? MeteringProblems.Unprocessable(errors, "Some metrics are invalid; nothing was recorded") : TypedResults.Ok(result!);
    }
}
