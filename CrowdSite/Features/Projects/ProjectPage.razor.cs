using CrowdSite.Features.Ledger;
using CrowdSite.Features.Live;
using Microsoft.AspNetCore.Components;

namespace CrowdSite.Features.Projects;

/// <summary>
/// The project page. It listens to the ledger: when money for this project is recorded by any path,
/// the figures and charts refresh in place, without a reload.
/// </summary>
public sealed partial class ProjectPage
{
    private ProjectPageModel? _model;
    private bool _notFound;
    private bool _maintainer;
    private LiveSubscription? _changes;

    [Inject] public required ProjectPageService Pages { get; init; }
    [Inject] public required ILiveUpdates Live { get; init; }
    [Inject] public required LiveCircuit Circuit { get; init; }
    [Inject] public required Maintainers.MaintainerService Maintainers { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? Auth { get; set; }
    [Parameter] public string Slug { get; set; } = "";

    private string BalanceSubtitle => _model?.Figures.Sustainable is not false
        ? "Daily over the last year; dashed: where it heads while donations cover costs"
        : "Daily over the last year; dashed: the runway if nothing changes";

    protected override async Task OnParametersSetAsync()
    {
        _model = await Pages.LoadAsync(Slug);
        _notFound = _model is null;
        if (_notFound && Slug != Slug.ToLowerInvariant() && await Pages.LoadAsync(Slug.ToLowerInvariant()) is not null)
        {
            // Slugs are lower case; someone typed /p/Takahe.
            _notFound = false;
            Navigation.NavigateTo($"/p/{Slug.ToLowerInvariant()}", replace: true);
            return;
        }

        if (_model is null)
        {
            // A real 404 (the site's not-found page): an unknown address is never a page worth caching or indexing.
            Navigation.NotFound();
            return;
        }

        _changes?.Dispose();
        _changes = Live.ListenWhileConnected(LiveTopic.Project(_model.Project.Id), Circuit, () => InvokeAsync(async () =>
        {
            _model = await Pages.LoadAsync(Slug) ?? _model;
            StateHasChanged();
        }));

        // Only a convenience: the maintainer service checks again on every save.
        _maintainer = Auth is not null && await Maintainers.IsMaintainerAsync(_model.Project.Id, (await Auth).User);
    }

    public void Dispose() => _changes?.Dispose();
}
