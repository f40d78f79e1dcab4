namespace CrowdSite.Features.Projects;

/// <summary>A maintainers' update as the page shows it (body already rendered safely).</summary>
public sealed record UpdateView(int Id, string Title, string AuthorName, DateTime PublishedAt, string BodyHtml);
