using CrowdSite.Features.Ledger;

namespace CrowdSite.Features.Projects;

/// <summary>What the discover page asks for; every part of it lives in the URL.</summary>
public sealed record ProjectQuery(
    string? Text = null,
    string? Category = null,
    Health? Health = null,
    ProjectStatus? Status = null,
    ProjectSort Sort = ProjectSort.Runway,
    int Page = 1,
    int PageSize = 12);
