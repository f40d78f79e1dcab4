using Microsoft.AspNetCore.Http.HttpResults;

namespace CrowdSite.Features.Metering;

/// <summary>The platform API's answers for a batch it cannot take, the same on every endpoint.</summary>
public static class MeteringProblems
{
    /// <summary>422 with field errors in the shape of validation problem details (<c>errors</c>: field → messages).</summary>
    public static ProblemHttpResult Unprocessable(IEnumerable<KeyValuePair<string, string[]>> errors, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status422UnprocessableEntity, Title = title });

    /// <summary>
    /// 400 for a batch without items (<paramref name="field"/> is the array the body should hold, of <paramref name="item"/>s),
    /// 413 for one over Metering:MaxBatchSize; null when the batch can be taken.
    /// </summary>
    public static ProblemHttpResult? OfSize(int count, int maxBatchSize, string field, string item) =>
        count == 0 ? Empty(field, item, $"No {field}") : TooLarge(count, maxBatchSize, item + "s");

    private static ProblemHttpResult Empty(string field, string item, string title) =>
        TypedResults.Problem($"Send {{\"{field}\": [...]}} with at least one {item}.", statusCode: StatusCodes.Status400BadRequest, title: title);

    private static ProblemHttpResult? TooLarge(int count, int maxBatchSize, string items) => count > maxBatchSize
        ? TypedResults.Problem(FormattableString.Invariant($"A batch holds at most {maxBatchSize:N0} {items}; this one has {count:N0}. Split it."),
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large")
        : null;
}
