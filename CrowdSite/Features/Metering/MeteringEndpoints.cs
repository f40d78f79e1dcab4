using CrowdSite.Features.Metering.CloudFoundry;

namespace CrowdSite.Features.Metering;

/// <summary>The platform's API: what each route is; each handler lives with its use case.</summary>
public static class MeteringEndpoints
{
    public static IEndpointRouteBuilder MapMeteringEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Metering").RequireRateLimiting(PlatformKeyRateLimit.Policy).DisableAntiforgery()
            // Every endpoint here needs a platform key, checked before a handler reads any body.
            .AddEndpointFilter<PlatformKeyFilter>();
        group.MapPost("/usage", UsageEndpoint.HandleAsync).WithName("IngestUsage")
            .WithSummary("A batch of compute charges from the platform's metering (Authorization: Bearer <platform key>). All or nothing; idempotent on id.");
        group.MapPost("/usage/cloudfoundry", CloudFoundryEndpoints.ImportAsync).WithName("IngestCloudFoundryUsage")
            .WithSummary("A page of Cloud Foundry v3 /v3/app_usage_events, as the Cloud Controller returns it (same keys). All or nothing; re-imports add nothing.");
        group.MapPut("/projects/{slug}/cloudfoundry-apps", CloudFoundryEndpoints.BindAppsAsync).WithName("BindCloudFoundryApps")
            .WithSummary("The operator binds Cloud Foundry app GUIDs to a project (same keys): {\"appGuids\": [...]}.");
        group.MapPost("/metrics", MetricsEndpoint.HandleAsync).WithName("IngestMetrics")
            .WithSummary("Usage (not money) per project and day: {\"metrics\": [{project, day, activeUsers, requests}]} (same keys). All or nothing; a later value for a day replaces the earlier one.");
        group.MapPost("/deployments", DeploymentEndpoint.HandleAsync).WithName("RecordDeployment")
            .WithSummary("The platform's deployer reports which commit of a project runs from when (idempotent).");
        return app;
    }
}
