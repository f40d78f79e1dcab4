using CrowdSite.Components;
using CrowdSite.Components.Layout;
using CrowdSite.Data;
using CrowdSite.Features.Alerts;
using CrowdSite.Data.Demo;
using CrowdSite.Features.SignIn;
using CrowdSite.Features.Donations;
using CrowdSite.Features.FreeTier;
using CrowdSite.Features.FreeTier.Live;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Ledger.Seals;
using CrowdSite.Features.Live;
using CrowdSite.Features.Maintainers;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using CrowdSite.Features.Projects.Live;
using CrowdSite.Infrastructure.GitHub;
using CrowdSite.Infrastructure.Http;
using CrowdSite.Infrastructure.Stripe;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.AddCrowdSiteData();
builder.AddLive();
builder.AddLedger();
builder.AddProjects();
builder.AddDonations();
builder.AddMetering();
builder.AddGitHub();
builder.AddSignIn();
builder.AddMaintainers();
builder.AddFreeTier();
builder.AddAlerts();
builder.Services.AddSingleton<DemoSeeder>();
builder.AddHttpApi();
builder.AddRateLimits();
builder.AddSecurityHeaders();
builder.AddPageCompression();
// An edit's text travels in one circuit message: the documented 20,000-character description is up to ~60 KB
// of UTF-8 (and more when JSON escapes it), over SignalR's 32 KB default, which dropped the editor's connection.
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(o => o.MaximumReceiveMessageSize = 256 * 1024);
builder.Services.AddMudServices();
builder.AddProjectPageOutputCache();

var app = builder.Build();
// Every ValidateOnStart option now, before the database is touched: half a configuration fails naming its key.
app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();

await app.InitializeDatabaseAsync();
if (await app.RunApiKeyCommandAsync(args))
{
    return;
}

app.LogPaymentMode();
app.LogEmailMode();
if (!app.Environment.IsDevelopment() && !app.Services.GetRequiredService<CrowdSite.Features.Platform.PublicSite>().IsConfigured)
{
    app.Logger.LogWarning("Platform:PublicUrl is not set: checkout, feed and badge links follow each request's Host header. Set it to the site's public address.");
}

// Behind a proxy on this machine (nginx in deploy/cluster.sh) the client is the one it forwards for, so rate limits
// count each visitor, not the proxy. Only loopback proxies are trusted (ASP.NET Core's default known networks).
app.UseForwardedHeaders(new ForwardedHeadersOptions
{
    ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
});
// First after the proxy's headers, as the templates have it: an error page or a re-executed 404 runs through every
// middleware below again, so it keeps the security headers and HSTS that the exception handler clears.
app.UseProblemDetailsForApi();
app.UseSecurityHeaders();
app.UseWritesInFlight();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseResponseCompression();
// Routing after the status-code pages, so a re-executed 404 (/no-such-page → /not-found) finds its endpoint.
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();
app.UseOutputCache();

app.MapStaticAssets();
app.MapHttpApi();
app.MapProjectEndpoints();
app.MapLedgerEndpoints();
app.MapSealEndpoints();
app.MapFundingBadge();
app.MapDonationEndpoints();
app.MapStripeWebhook();
app.MapMeteringEndpoints();
app.MapGitHubWebhook();
app.MapSignInEndpoints();
app.MapUpdatesFeed();
app.MapAlertEndpoints();
app.MapPotEndpoints();
app.MapProjectLive();
app.MapPotLive();
app.MapThemeToggle();
// frame-ancestors comes from SecurityHeaders' policy ('none'), not a second header of Blazor's ('self').
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Run();
