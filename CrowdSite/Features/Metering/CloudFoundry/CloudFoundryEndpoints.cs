using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>The Cloud Foundry routes: a page of app usage events to import, and the apps bound to a project.</summary>
public static class CloudFoundryEndpoints
{
    public static async Task<Results<Ok<CfImportResult>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, CloudFoundryImporter importer, IOptions<MeteringOptions> options, CancellationToken ct)
    {
        var (page, problem) = await JsonBody.ReadAsync<CfUsagePage>(request, options.Value.MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await importer.ImportAsync(page ?? new CfUsagePage(null, null), ct);
        return outcome.Errors.Count > 0
            ? MeteringProblems.Unprocessable(outcome.Errors, "The page cannot be imported; nothing was recorded")
            : TypedResults.Ok(outcome.Result!);
    }

    public static async Task<Results<Ok<AppBinding>, ProblemHttpResult>> BindAppsAsync(
        string slug, HttpRequest request, CloudFoundryApps apps, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AppBinding>(request, 64 * 1024, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (result, errors) = await apps.SetAsync(slug, body?.AppGuids ?? [], ct);
        return errors.Count > 0 ? MeteringProblems.Unprocessable(errors, "The apps cannot be bound") : TypedResults.Ok(result!);
    }
}
