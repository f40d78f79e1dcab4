namespace CrowdSite.Features.Projects;

public sealed record ProjectSearchResult(IReadOnlyList<ProjectCardModel> Items, int Total, int Page, int PageCount);
