using CrowdSite.Features.SignIn;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Platform;
using CrowdSite.Features.Projects;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Donations;

/// <summary>
/// The donate panel: amount, frequency, pot opt-in (off by default), fee cover, name and message. The quote
/// is shown as the donor types; the service validates again, because a circuit event is a public endpoint.
/// </summary>
public sealed partial class DonatePanel
{
    private string _amountText = "";
    private long? _amount;
    private string? _amountError;
    private bool _recurring;
    private bool _potOptIn;
    private bool _coverFees;
    private string? _publicName;
    private string? _message;
    private bool _busy;
    private IReadOnlyList<string> _errors = [];

    [Inject] public required DonationService Donations { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required IOptions<PlatformOptions> Platform { get; init; }

    [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? Auth { get; set; }

    [Parameter, EditorRequired] public Project Project { get; set; } = null!;
    [Parameter, EditorRequired] public FundingFigures Figures { get; set; } = null!;
    [Parameter] public int BackerCount { get; set; }

    private int PotPercent => Platform.Value.PotPercent;

    private DonationQuote? Quote => _amount is { } amount && _amountError is null
        ? Donations.Quote(amount, _coverFees, _potOptIn)
        : null;

    private bool IsPreset(long preset) => _amount == preset;

    private void ChoosePreset(long preset)
    {
        _amount = preset;
        _amountText = new Money(preset, Donations.Currency).Format(withSymbol: false);
        _amountError = null;
    }

    private void OnAmountTyped(string? text)
    {
        _amountText = text ?? "";
        if (!DonationRules.TryParseAmount(text, Money.MinorDigits(Donations.Currency), out var minor))
        {
            (_amount, _amountError) = (null, string.IsNullOrWhiteSpace(text) ? null : "Enter an amount like 25 or 12.50.");
            return;
        }

        _amount = minor;
        _amountError = DonationRules.AmountRangeError(minor, Donations.Currency, Donations.Options);
    }

    private async Task DonateAsync()
    {
        _busy = true;
        try
        {
            var request = new DonationRequest(_amount, Donations.Currency, _recurring, _potOptIn, _coverFees, _publicName, _message);
            var donorId = Auth is null ? null : (await Auth).User.GitHubUserId();
            var start = await Donations.StartAsync(Project.Slug, request, new Uri(Navigation.BaseUri), donorId);
            _errors = start.Errors.SelectMany(e => e.Value).ToList();
            if (start.CheckoutUrl is { } url)
            {
                Navigation.NavigateTo(url, forceLoad: !Donations.IsSimulated);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private string Format(long minor) => new Money(minor, Donations.Currency).Format();
}
