using CrowdSite.Features.Ledger;
using Microsoft.AspNetCore.Components;

namespace CrowdSite.Features.Projects;

/// <summary>
/// The discover page, rendered as static HTML (no circuit per visitor; cached per query and books version). Its
/// state is the URL's query, so a search can be shared and the back button works.
/// </summary>
public sealed partial class DiscoverPage
{
    private static readonly IReadOnlyList<(string, string)> HealthOptions =
        [("", "Any"), ("critical", "Critical"), ("needsSupport", "Needs support"), ("healthy", "Healthy")];

    private static readonly IReadOnlyList<(string, string)> StatusOptions =
        [("", "Any"), ("active", "Active"), ("freeTier", "Free tier"), ("paused", "Paused")];

    // The default sort is the empty value, so a plain search leaves it out of the URL.
    private static readonly IReadOnlyList<(string, string)> SortOptions =
        [("", "Shortest runway"), ("cost", "Monthly cost"), ("backers", "Most backers"), ("newest", "Newest")];

    private ProjectSearchResult? _result;
    private IReadOnlyList<(string Category, int Count)> _categories = [];

    [Inject] public required ProjectSearch Search { get; init; }

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
        Category: Blank(Category),
        Health: Enum.TryParse<Health>(Health, ignoreCase: true, out var h) ? h : null,
        Status: Enum.TryParse<ProjectStatus>(Status, ignoreCase: true, out var s) ? s : null,
        Sort: Enum.TryParse<ProjectSort>(Sort, ignoreCase: true, out var o) ? o : ProjectSort.Runway,
        Page: Page ?? 1);

    /// <summary>This search's URL on another page of results (relative: cached pages are shared; page one has no page key).</summary>
    private string PageUrl(int page)
    {
        var keys = new (string Key, string? Value)[]
        {
            ("q", Blank(Q)), ("category", Blank(Category)), ("health", Blank(Health)), ("status", Blank(Status)), ("sort", Blank(Sort)),
            ("page", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/projects",
            keys.Where(k => k.Value is not null).Select(k => new KeyValuePair<string, string?>(k.Key, k.Value)));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
