using CrowdSite.Features.Ledger;
using Microsoft.AspNetCore.Components;

namespace CrowdSite.Features.Projects;

/// <summary>The discover page. Its state is the URL's query, so a search can be shared and the back button works.</summary>
public sealed partial class DiscoverPage
{
    private ProjectSearchResult? _result;
    private IReadOnlyList<(string Category, int Count)> _categories = [];

    [Inject] public required ProjectSearch Search { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery] public string? Q { get; set; }
    [SupplyParameterFromQuery] public string? Category { get; set; }
    [SupplyParameterFromQuery] public string? Health { get; set; }
    [SupplyParameterFromQuery] public string? Status { get; set; }
    [SupplyParameterFromQuery] public string? Sort { get; set; }
    [SupplyParameterFromQuery] public int? Page { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _categories = await Search.CategoriesAsync();
        _result = await Search.SearchAsync(ToQuery());
    }

    /// <summary>Unknown values in a hand-edited URL are ignored rather than failing the page.</summary>
    public ProjectQuery ToQuery() => new(
        Text: Q,
        Category: string.IsNullOrWhiteSpace(Category) ? null : Category,
        Health: Enum.TryParse<Health>(Health, ignoreCase: true, out var h) ? h : null,
        Status: Enum.TryParse<ProjectStatus>(Status, ignoreCase: true, out var s) ? s : null,
        Sort: Enum.TryParse<ProjectSort>(Sort, ignoreCase: true, out var o) ? o : ProjectSort.Runway,
        Page: Page ?? 1);

    private Task GoAsync(string? q = null, string? category = null, string? health = null, string? status = null, string? sort = null, int? page = null)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["q"] = Blank(q ?? Q),
            ["category"] = Blank(category ?? Category),
            ["health"] = Blank(health ?? Health),
            ["status"] = Blank(status ?? Status),
            ["sort"] = Blank(sort ?? Sort),
            // A new search starts on page one.
            ["page"] = page is > 1 ? page : null,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("/projects", parameters));
        return Task.CompletedTask;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
