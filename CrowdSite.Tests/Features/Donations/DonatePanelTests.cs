using AngleSharp.Dom;
using Bunit;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Donations;

/// <summary>
/// The donate panel as the static project page renders it: a plain form whose script asks the server for the quote.
/// What the server decides lands in the markup: the configured presets, the pot's share, the limits and the labels.
/// </summary>
public sealed class DonatePanelTests : SiteComponentTestContext
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly Project App = new() { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" };

    public DonatePanelTests()
        : base(new Dictionary<string, string>
        {
            ["Donations:Presets:0"] = "300", ["Donations:Presets:1"] = "1550", ["Donations:Presets:2"] = "250000",
            ["Donations:MessageMaxLength"] = "140", ["Platform:PotPercent"] = "7",
        }) =>
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

    [Fact]
    public void Render_ConfiguredPresets_AreButtonsWhoseAmountsTheServerParsesBack()
    {
        using var culture = new CultureScope("sv-SE"); // a comma for decimals and U+00A0 for thousands, were it the culture's

        var presets = Render<DonatePanel>(Parameters(Healthy())).FindAll("[data-preset]");

        Assert.Equal(["$3.00", "$15.50", "$2,500.00"], presets.Select(b => b.TextContent));
        Assert.Equal(["preset-300", "preset-1550", "preset-250000"], presets.Select(b => b.GetAttribute("data-testid")));
        Assert.All(presets, b => Assert.Equal("button", b.GetAttribute("type"))); // a preset fills the amount, never submits
        Assert.All(presets, b => Assert.Equal("false", b.GetAttribute("aria-pressed")));
        var options = Site.Services.GetRequiredService<DonationService>().Options;
        Assert.Equal([(300L, null), (1_550L, null), (250_000L, null)],
            presets.Select(b => DonationRules.ParseGift(b.GetAttribute("data-preset"), "USD", options)));
    }

    [Fact]
    public void Render_TheForm_CarriesWhatTheQuoteAndValidationNeed()
    {
        var cut = Render<DonatePanel>(Parameters(Healthy()));

        var form = cut.Find("form[data-donate-form]");
        Assert.Equal("app", form.GetAttribute("data-slug"));
        Assert.Equal("USD", form.GetAttribute("data-currency"));
        Assert.True(form.HasAttribute("novalidate")); // the server's messages, not the browser's
        Assert.Equal("Amount (USD)", cut.Find("label.donate-field:has([data-testid='amount']) span").TextContent);
        var error = cut.Find("[data-amount-error]");
        Assert.Equal(error.Id, cut.Find("[data-testid='amount']").GetAttribute("aria-describedby"));
        Assert.Equal("polite", error.GetAttribute("aria-live"));
        Assert.True(cut.Find("[data-testid='quote']").HasAttribute("hidden")); // until the first quote arrives
        Assert.True(cut.Find("[data-testid='donate-button']").HasAttribute("disabled"));
        Assert.Equal("140", cut.Find("[data-testid='message']").GetAttribute("maxlength"));
    }

    [Fact]
    public void Render_PotAndVisibility_NameTheConfiguredShareAndDefaultToNameAndAmount()
    {
        var cut = Render<DonatePanel>(Parameters(Healthy()));

        Assert.Contains("Send 7% to the free-tier pot", cut.Find("label:has([data-testid='pot-opt-in'])").TextContent);
        Assert.Contains("Ticked, 7% of your gift goes there instead of to App.", Text(cut.Find("[data-testid='pot-note']")));
        Assert.False(cut.Find("[data-testid='pot-opt-in']").HasAttribute("checked"));
        var visibility = cut.FindAll("[data-testid='visibility'] input[type='radio']");
        Assert.Equal(["nameAndAmount", "nameOnly", "anonymous"], visibility.Select(r => r.GetAttribute("value")));
        Assert.Equal(["nameAndAmount"], visibility.Where(r => r.HasAttribute("checked")).Select(r => r.GetAttribute("value")));
        Assert.Equal(["false"], cut.FindAll("[name='recurring'][checked]").Select(r => r.GetAttribute("value")));
    }

    [Fact]
    public void Render_Shortfall_SaysHowLongTheMoneyLastsAndWhatItNeedsInItsLiveRegions()
    {
        var cut = Render<DonatePanel>(Parameters(Funding.Compute("USD", 4_500, 3_000, 1_000, Today), backers: 12));

        Assert.Equal("Its money lasts 67 days; it needs $20.00 more a month. Everything the payment processor does not keep pays for computing.",
            Text(cut.Find("[data-live='donate-runway']")));
        Assert.Equal("12 backers so far", Text(cut.Find("[data-live='backer-count']")));
    }

    [Fact]
    public void Render_CostsCovered_SaysAGiftBuildsAMargin()
    {
        var cut = Render<DonatePanel>(Parameters(Healthy()));

        Assert.Equal("Donations cover its costs today. A gift builds a safety margin.", Text(cut.Find("[data-live='donate-runway']")));
    }

    [Fact]
    public void Render_SimulatedPayments_SaysNoMoneyMoves()
    {
        var cut = Render<DonatePanel>(Parameters(Healthy()));

        Assert.Equal("Simulated payments: no money moves.", Text(cut.Find("[data-testid='simulated-notice']")));
    }

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    internal static FundingFigures Healthy() => Funding.Compute("USD", 50_000, 20_000, 30_000, Today);

    internal static Action<ComponentParameterCollectionBuilder<DonatePanel>> Parameters(FundingFigures figures, int backers = 3) => p => p
        .Add(c => c.Project, App)
        .Add(c => c.Figures, figures)
        .Add(c => c.BackerCount, backers);
}

/// <summary>The panel where payments are real: the same form, without the simulated notice.</summary>
public sealed class DonatePanelLivePaymentsTests()
    : SiteComponentTestContext(services: (s, site) => s.AddSingleton(ActivatorUtilities.CreateInstance<DonationService>(site.Services, new LiveGateway())))
{
    [Fact]
    public void Render_LivePayments_ShowsNoSimulatedNotice()
    {
        var cut = Render<DonatePanel>(DonatePanelTests.Parameters(DonatePanelTests.Healthy()));

        Assert.Empty(cut.FindAll("[data-testid='simulated-notice']"));
        Assert.Equal(5, cut.FindAll("[data-preset]").Count); // the default presets
    }

    /// <summary>A processor with real money: only whether it is simulated matters to the panel.</summary>
    private sealed class LiveGateway : IPaymentGateway
    {
        public bool IsSimulated => false;

        public Task<CheckoutSession> CreateCheckoutAsync(CheckoutIntent intent, Project project, Uri siteBase, CancellationToken ct) =>
            throw new NotSupportedException("The panel never starts a checkout.");

        public Task<string?> CreatePortalAsync(string customerId, Uri returnUrl, CancellationToken ct) =>
            throw new NotSupportedException("The panel never opens the portal.");
    }
}
