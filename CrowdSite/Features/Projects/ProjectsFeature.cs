using CrowdSite.Data;
using CrowdSite.Infrastructure.Markdown;
using Microsoft.EntityFrameworkCore;

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
        builder.Services.AddSingleton(services => new ProjectIds(async (slug, ct) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync(ct);
            return (await db.ProjectBySlugAsync(slug, ct))?.Id;
        }));
        builder.Services.AddSingleton<ProjectPageCache>();
        builder.Services.AddSingleton<Live.ProjectLiveFeed>();
        builder.Services.AddSingleton<Live.ProjectLiveBroadcasts>();
        return builder;
    }
}
