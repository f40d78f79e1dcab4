using System.Globalization;
using System.Xml.Linq;
using CrowdSite.Features.Projects;
using CrowdSite.Infrastructure.Http;
using CrowdSite.Infrastructure.Markdown;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrowdSite.Features.Maintainers;

/// <summary>A project's updates as an Atom feed (RFC 4287), the bodies as sanitized HTML.</summary>
public static class UpdatesFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapUpdatesFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/p/{slug}/updates.atom", GetAsync).WithTags("Projects").WithName("GetUpdatesFeed")
            .WithSummary("The project's updates as an Atom feed.").Produces(StatusCodes.Status200OK, contentType: "application/atom+xml");
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(
        string slug, HttpRequest request, ProjectDirectory directory, MaintainerService maintainers, MarkdownRenderer markdown, CancellationToken ct)
    {
        if (await directory.FindAsync(slug, ct) is not { } project)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        var site = request.HttpContext.RequestServices.GetRequiredService<Platform.PublicSite>().BaseFor(request).ToString().TrimEnd('/');
        var updates = await maintainers.UpdatesAsync(project.Id, 50, ct);
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", $"{site}/p/{project.Slug}/updates.atom"),
            new XElement(Atom + "title", $"{project.Name}: updates"),
            new XElement(Atom + "updated", AtomDate(updates.FirstOrDefault()?.PublishedAt ?? project.CreatedAt)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{site}/p/{project.Slug}/updates.atom")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", $"{site}/p/{project.Slug}")),
            new XElement(Atom + "author", new XElement(Atom + "name", project.Name)),
            updates.Select(u => new XElement(Atom + "entry",
                new XElement(Atom + "id", $"{site}/p/{project.Slug}#update-{u.Id}"),
                new XElement(Atom + "title", u.Title),
                new XElement(Atom + "updated", AtomDate(u.PublishedAt)),
                new XElement(Atom + "author", new XElement(Atom + "name", u.AuthorName)),
                new XElement(Atom + "link", new XAttribute("href", $"{site}/p/{project.Slug}#update-{u.Id}")),
                new XElement(Atom + "content", new XAttribute("type", "html"), markdown.ToSafeHtml(u.Body)))));
        return TypedResults.Content(new XDocument(new XDeclaration("1.0", "utf-8", null), feed).ToString(), "application/atom+xml; charset=utf-8");
    }

    /// <summary>RFC 3339, whatever the server's culture (another calendar or separator would make the feed invalid).</summary>
    private static string AtomDate(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

public static class MaintainersFeature
{
    public static WebApplicationBuilder AddMaintainers(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MaintainerService>();
        builder.Services.AddSingleton<ProjectRegistration>();
        return builder;
    }
}
