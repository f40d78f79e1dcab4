using CrowdSite.Features.Ledger;
using Microsoft.AspNetCore.Components;

namespace CrowdSite.Features.Projects;

/// <summary>
/// The project page, rendered as static HTML (cacheable, no circuit per viewer). Its figures, charts, charges
/// and backers stay live: the page's script listens to <c>/p/{slug}/live</c> (server-sent events) and swaps
/// in the regions and chart points each change brings.
/// </summary>
public sealed partial class ProjectPage
{
    private ProjectPageModel? _model;
    private bool _notFound;
    private bool _maintainer;

    [Inject] public required ProjectPageService Pages { get; init; }
    [Inject] public required Maintainers.MaintainerService Maintainers { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? Auth { get; set; }
    [Parameter] public string Slug { get; set; } = "";

    private string BalanceSubtitle => _model?.Figures.Sustainable is not false
        ? "Daily over the last year; dashed: where it heads while donations cover costs"
        : _model.Figures.Runway.Method == RunwayMethod.Trend
            ? "Daily over the last year; dashed: the runway with costs on their 90-day trend"
            : "Daily over the last year; dashed: the runway if nothing changes";

    protected override async Task OnParametersSetAsync()
    {
        _model = await Pages.LoadAsync(Slug);
        _notFound = _model is null;
        var lowerCase = Slug.ToLowerInvariant();
        if (_notFound && !string.Equals(Slug, lowerCase, StringComparison.Ordinal) && await Pages.LoadAsync(lowerCase) is not null)
        {
            // Slugs are lower case; someone typed /p/Takahe.
            _notFound = false;
            Navigation.NavigateTo($"/p/{lowerCase}", replace: true);
            return;
        }

        if (_model is null)
        {
            // A real 404 (the site's not-found page): an unknown address is never a page worth caching or indexing.
            Navigation.NotFound();
            return;
        }

        // Only a convenience: the maintainer service checks again on every save.
        _maintainer = Auth is not null && await Maintainers.IsMaintainerAsync(_model.Project.Id, (await Auth).User);
    }

}
