using Microsoft.AspNetCore.Http.HttpResults;

namespace CrowdSite.Features.Metering;

/// <summary>POST /api/v1/deployments: the platform's deployer reports which commit of a project runs from when.</summary>
public static class DeploymentEndpoint
{
    public static async Task<Results<Ok<DeploymentResult>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, DeploymentRecorder recorder, CancellationToken ct)
    {
        var (report, problem) = await JsonBody.ReadAsync<DeploymentReport>(request, 64 * 1024, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (result, errors) = await recorder.RecordAsync(report ?? new DeploymentReport(null, null, null), ct);
        return errors.Count > 0 ? MeteringProblems.Unprocessable(errors, "The deployment is not valid") : TypedResults.Ok(result!);
    }
}
