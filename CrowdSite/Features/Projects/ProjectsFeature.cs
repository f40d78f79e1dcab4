using CrowdSite.Infrastructure.Markdown;

namespace CrowdSite.Features.Projects;

public static class ProjectsFeature
{
    public static WebApplicationBuilder AddProjects(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProjectDirectory>();
        builder.Services.AddSingleton<ProjectPageService>();
        builder.Services.AddSingleton<Usage.ProjectUsageReader>();
        builder.Services.AddSingleton<ProjectSearch>();
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ProjectPageCache>();
        builder.Services.AddSingleton<Live.ProjectLiveFeed>();
        builder.Services.AddSingleton<Live.ProjectLiveBroadcasts>();
        return builder;
    }
}
