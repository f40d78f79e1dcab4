using CrowdSite.Components;
using CrowdSite.Components.Layout;
using CrowdSite.Data;
using CrowdSite.Data.Demo;
using CrowdSite.Features.SignIn;
using CrowdSite.Features.Donations;
using CrowdSite.Features.FreeTier;
using CrowdSite.Features.Ledger;
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
builder.Services.AddSingleton<DemoSeeder>();
builder.AddHttpApi();
builder.AddRateLimits();
builder.AddSecurityHeaders();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.AddProjectPageOutputCache();

var app = builder.Build();

await app.InitializeDatabaseAsync();
if (await app.RunApiKeyCommandAsync(args))
{
    return;
}

app.LogPaymentMode();
if (!app.Environment.IsDevelopment() && !app.Services.GetRequiredService<CrowdSite.Features.Platform.PublicSite>().IsConfigured)
{
    app.Logger.LogWarning("Platform:PublicUrl is not set: checkout, feed and badge links follow each request's Host header. Set it to the site's public address.");
}

app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseProblemDetailsForApi();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();
app.UseOutputCache();

app.MapStaticAssets();
app.MapHttpApi();
app.MapProjectEndpoints();
app.MapLedgerEndpoints();
app.MapFundingBadge();
app.MapDonationEndpoints();
app.MapStripeWebhook();
app.MapMeteringEndpoints();
app.MapGitHubWebhook();
app.MapSignInEndpoints();
app.MapUpdatesFeed();
app.MapPotEndpoints();
app.MapProjectLive();
app.MapThemeToggle();
// frame-ancestors comes from SecurityHeaders' policy ('none'), not a second header of Blazor's ('self').
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Run();
