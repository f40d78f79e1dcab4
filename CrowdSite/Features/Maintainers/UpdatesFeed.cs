using System.Globalization;
using System.Xml.Linq;
using CrowdSite.Features.Projects;
using CrowdSite.Infrastructure.Http;
using CrowdSite.Infrastructure.Markdown;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrowdSite.Features.Maintainers;

/// <summary>A project's updates and funding alerts as an Atom feed (RFC 4287), the bodies as sanitized HTML.</summary>
public static class UpdatesFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapUpdatesFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/p/{slug}/updates.atom", GetAsync).WithTags("Projects").WithName("GetUpdatesFeed")
            .WithSummary("The project's updates and funding alerts (runway under 60, 30, 7 days; sustainable) as an Atom feed.").Produces(StatusCodes.Status200OK, contentType: "application/atom+xml");
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(
        string slug, HttpRequest request, ProjectDirectory directory, MaintainerService maintainers, MarkdownRenderer markdown,
        Alerts.FundingAlerts alerts, CancellationToken ct)
    {
        if (await directory.FindAsync(slug, ct) is not { } project)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        var site = request.HttpContext.RequestServices.GetRequiredService<Platform.PublicSite>().BaseFor(request).ToString().TrimEnd('/');
        var updates = await maintainers.UpdatesAsync(project.Id, 50, ct);
        var funding = await alerts.ForProjectAsync(project.Id, 50, ct);
        var entries = updates.Select(u => (At: u.PublishedAt, Entry: new XElement(Atom + "entry",
                new XElement(Atom + "id", $"{site}/p/{project.Slug}#update-{u.Id}"),
                new XElement(Atom + "title", u.Title),
                new XElement(Atom + "updated", AtomDate(u.PublishedAt)),
                new XElement(Atom + "author", new XElement(Atom + "name", u.AuthorName)),
                new XElement(Atom + "link", new XAttribute("href", $"{site}/p/{project.Slug}#update-{u.Id}")),
                new XElement(Atom + "content", new XAttribute("type", "html"), markdown.ToSafeHtml(u.Body)))))
            .Concat(funding.Select(a => (a.At, Entry: new XElement(Atom + "entry",
                new XElement(Atom + "id", $"{site}/p/{project.Slug}#alert-{a.Id}"),
                new XElement(Atom + "title", Alerts.FundingAlerts.Title(project.Name, a)),
                new XElement(Atom + "updated", AtomDate(a.At)),
                new XElement(Atom + "author", new XElement(Atom + "name", "CrowdSite")),
                new XElement(Atom + "category", new XAttribute("term", "funding-alert")),
                new XElement(Atom + "link", new XAttribute("href", $"{site}/p/{project.Slug}")),
                new XElement(Atom + "content", new XAttribute("type", "text"), Alerts.FundingAlerts.Text(project.Name, a))))))
            .OrderByDescending(e => e.At).ToList();
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", $"{site}/p/{project.Slug}/updates.atom"),
            new XElement(Atom + "title", $"{project.Name}: updates and funding alerts"),
            new XElement(Atom + "updated", AtomDate(entries.Count > 0 ? entries[0].At : project.CreatedAt)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{site}/p/{project.Slug}/updates.atom")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", $"{site}/p/{project.Slug}")),
            new XElement(Atom + "author", new XElement(Atom + "name", project.Name)),
            entries.Select(e => e.Entry));
        return TypedResults.Content(new XDocument(new XDeclaration("1.0", "utf-8", null), feed).ToString(), "application/atom+xml; charset=utf-8");
    }

    /// <summary>RFC 3339, whatever the server's culture (another calendar or separator would make the feed invalid).</summary>
    private static string AtomDate(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
