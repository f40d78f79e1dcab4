using Bunit;
using CrowdSite.Features.Alerts;
using CrowdSite.Features.FreeTier;
using CrowdSite.Features.Platform;
using CrowdSite.Infrastructure.GitHub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrowdSite.Tests.TestSupport;

/// <summary>
/// bUnit over the app's own services (its database, offline gateways, fixed clock): for pages and panels that read
/// through real services rather than parameters. What bUnit provides (navigation, JS, MudBlazor) comes first; the
/// clock and the options components inject are the site's (bUnit has its own).
/// </summary>
public abstract class SiteComponentTestContext : ComponentTestContext
{
    protected SiteComponentTestContext(IReadOnlyDictionary<string, string>? settings = null, Action<BunitServiceProvider, CrowdSiteFactory>? services = null)
        : this(new CrowdSiteFactory(seedDemo: false, settings), services)
    {
    }

    private SiteComponentTestContext(CrowdSiteFactory site, Action<BunitServiceProvider, CrowdSiteFactory>? services)
        : base(s =>
        {
            s.AddSingleton<TimeProvider>(site.Time);
            s.AddSingleton(site.Services.GetRequiredService<IOptions<PlatformOptions>>());
            s.AddSingleton(site.Services.GetRequiredService<IOptions<GitHubOptions>>());
            s.AddSingleton(site.Services.GetRequiredService<IOptions<EmailOptions>>());
            s.AddSingleton(site.Services.GetRequiredService<IOptions<FreeTierOptions>>());
            services?.Invoke(s, site);
        })
    {
        Site = site;
        // After the renderer exists: what it needs for itself must come from bUnit, not the site's root scope.
        Services.AddFallbackServiceProvider(site.Services);
    }

    protected CrowdSiteFactory Site { get; }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await Site.DisposeAsync();
    }
}
