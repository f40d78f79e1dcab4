using CrowdSite.Features.Projects;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CrowdSite.Features.Maintainers;

/// <summary>The maintainer's editor. The service decides who may save; this page only shows the outcome.</summary>
public sealed partial class EditProjectPage
{
    /// <summary>Shown when a save is refused because this person signed out (here or in another tab) since the page opened.</summary>
    public const string SignedOutMessage = "You are signed out, so this was not saved. Copy your changes, sign in again, and reload this page.";

    private Project? _project;
    private bool _denied;
    private bool _saving;
    private Guid _stamp;
    private string _tagline = "";
    private string _category = "";
    private string _description = "";
    private string? _website;
    private string? _logo;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();

    [Inject] public required ProjectDirectory Directory { get; init; }
    [Inject] public required MaintainerService Maintainers { get; init; }
    [Inject] public required SignIn.SignInSessions Sessions { get; init; }
    [CascadingParameter] public Task<AuthenticationState>? Auth { get; set; }
    [Parameter] public string Slug { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        if (_project is not null && _project.Slug == Slug)
        {
            return; // parameters set again (e.g. the sign-in state re-checked): keep what was typed
        }

        _project = await Directory.FindAsync(Slug);
        _denied = _project is null || !await Maintainers.IsMaintainerAsync(_project.Id, (await Auth!).User);
        if (_project is { } p && !_denied)
        {
            (_stamp, _tagline, _category, _description, _website, _logo) = (p.ConcurrencyStamp, p.Tagline, p.Category, p.Description, p.WebsiteUrl, p.LogoUrl);
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        var user = (await Auth!).User;
        var result = await Maintainers.EditAsync(Slug, user, new ProjectEdit(_tagline, _category, _description, _website, _logo), _stamp);
        _errors = result.Errors ?? new Dictionary<string, string>();
        var signedOut = result.Outcome == EditOutcome.Forbidden && !await Sessions.IsActiveAsync(user);
        (_message, _messageSeverity) = result.Outcome switch
        {
            _ when signedOut => (SignedOutMessage, Severity.Warning),
            EditOutcome.Saved => ("Saved. The public page shows it now.", Severity.Success),
            EditOutcome.Conflict => ("Someone else saved this page after you opened it. Reload to see their changes, then apply yours again.", Severity.Warning),
            EditOutcome.Forbidden => ("Only this project's maintainers can edit its page.", Severity.Error),
            EditOutcome.Invalid => ("Some fields need attention.", Severity.Error),
            _ => ("This project no longer exists.", Severity.Error),
        };
        if (result.Stamp is { } stamp)
        {
            _stamp = stamp;
        }

        _saving = false;
    }
}
