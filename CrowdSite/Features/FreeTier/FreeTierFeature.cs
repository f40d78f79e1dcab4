using CrowdSite.Features.SignIn;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrowdSite.Features.FreeTier;

public static class FreeTierFeature
{
    public static WebApplicationBuilder AddFreeTier(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FreeTierOptions>().BindConfiguration(FreeTierOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PotService>();
        builder.Services.AddSingleton<Live.PotLiveFeed>();
        builder.Services.AddSingleton<PotAllocation>();
        builder.Services.AddSingleton<FreeTierApplications>();
        builder.Services.AddHostedService<MonthCloseAllocator>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPotEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/pot", async (PotService pot, CancellationToken ct) => TypedResults.Ok(await pot.SummaryAsync(ct)))
            .WithTags("Free tier").WithName("GetPot")
            .WithSummary("The free-tier pot: balance, contributed, granted, and every grant by month and project.");
        return app;
    }
}
