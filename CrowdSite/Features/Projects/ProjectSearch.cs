using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Projects;

public enum ProjectSort
{
    /// <summary>Shortest runway first: who needs money soonest.</summary>
    Runway,
    Cost,
    Backers,
    Newest,
}

/// <summary>What the discover page asks for; every part of it lives in the URL.</summary>
public sealed record ProjectQuery(
    string? Text = null,
    string? Category = null,
    Health? Health = null,
    ProjectStatus? Status = null,
    ProjectSort Sort = ProjectSort.Runway,
    int Page = 1,
    int PageSize = 12);

/// <summary>A project as a card shows it.</summary>
public sealed record ProjectCardModel(Project Project, FundingFigures Figures, int Backers);

public sealed record ProjectSearchResult(IReadOnlyList<ProjectCardModel> Items, int Total, int Page, int PageCount);

/// <summary>Search, filters, sorting and paging of projects, on the server.</summary>
public sealed class ProjectSearch(IDbContextFactory<CrowdSiteDbContext> dbFactory, FiguresService figures)
{
    public async Task<ProjectSearchResult> SearchAsync(ProjectQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projects = db.Projects.AsNoTracking().Where(p => p.Status != ProjectStatus.Archived || query.Status == ProjectStatus.Archived);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // % and _ typed by a visitor are letters to look for, not wildcards.
            var typed = query.Text.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
            var text = $"%{typed}%";
            // ToLower() here becomes SQL's lower(), run by the database: .NET's culture never applies.
#pragma warning disable CA1304, CA1311
            projects = projects.Where(p => EF.Functions.Like(p.Name.ToLower(), text, "\\")
                || EF.Functions.Like(p.Tagline.ToLower(), text, "\\") || EF.Functions.Like(p.Repository.ToLower(), text, "\\"));
#pragma warning restore CA1304, CA1311
        }

        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            projects = projects.Where(p => p.Category == query.Category);
        }

        if (query.Status is { } status)
        {
            projects = projects.Where(p => p.Status == status);
        }

        // Figures are a bounded read per project; health and runway only exist once they are computed.
        var cards = await CardsAsync(db, await projects.ToListAsync(ct), ct);
        var matching = cards.Where(c => query.Health is null || c.Figures.Health == query.Health).ToList();
        var sorted = Sort(matching, query.Sort).ToList();
        var size = Math.Clamp(query.PageSize, 1, 60);
        var pageCount = Math.Max(1, (sorted.Count + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pageCount);
        return new ProjectSearchResult(sorted.Skip((page - 1) * size).Take(size).ToList(), sorted.Count, page, pageCount);
    }

    public async Task<IReadOnlyList<ProjectCardModel>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CardsAsync(db, await db.Projects.AsNoTracking().Where(p => p.Status != ProjectStatus.Archived).ToListAsync(ct), ct);
    }

    public async Task<IReadOnlyList<(string Category, int Count)>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Projects.Where(p => p.Status != ProjectStatus.Archived)
            .GroupBy(p => p.Category).Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToListAsync(ct);
        return rows.Select(r => (r.Key, r.Count)).ToList();
    }

    private async Task<List<ProjectCardModel>> CardsAsync(CrowdSiteDbContext db, List<Project> projects, CancellationToken ct)
    {
        if (projects.Count == 0)
        {
            return [];
        }

        var ids = projects.Select(p => p.Id).ToList();
        var byId = await figures.ForProjectsAsync(ids, projects[0].Currency, ct);
        var backers = await BackerCounts.ForProjectsAsync(db, ids, ct);
        return projects.Select(p => new ProjectCardModel(p, byId[p.Id], backers.GetValueOrDefault(p.Id))).ToList();
    }

    internal static IEnumerable<ProjectCardModel> Sort(IEnumerable<ProjectCardModel> cards, ProjectSort sort) => sort switch
    {
        ProjectSort.Cost => cards.OrderByDescending(c => c.Figures.MonthlyCost),
        ProjectSort.Backers => cards.OrderByDescending(c => c.Backers),
        ProjectSort.Newest => cards.OrderByDescending(c => c.Project.CreatedAt).ThenByDescending(c => c.Project.Id),
        _ => cards.OrderBy(c => c.Figures.RunwayDays ?? int.MaxValue).ThenBy(c => c.Figures.Coverage ?? double.MaxValue),
    };
}
