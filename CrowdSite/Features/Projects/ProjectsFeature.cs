namespace CrowdSite.Features.Projects;

public static class ProjectsFeature
{
    public static WebApplicationBuilder AddProjects(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProjectDirectory>();
        return builder;
    }
}
