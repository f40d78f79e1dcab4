namespace CrowdSite.Features.Maintainers;

public static class MaintainersFeature
{
    public static WebApplicationBuilder AddMaintainers(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MaintainerService>();
        builder.Services.AddSingleton<ProjectRegistration>();
        return builder;
    }
}
