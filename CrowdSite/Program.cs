using CrowdSite.Components;
using CrowdSite.Data;
using CrowdSite.Data.Demo;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Infrastructure.Http;
using CrowdSite.Infrastructure.Stripe;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.AddCrowdSiteData();
builder.AddLedger();
builder.AddProjects();
builder.AddDonations();
builder.Services.AddSingleton<DemoSeeder>();
builder.AddHttpApi();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();

var app = builder.Build();

await app.InitializeDatabaseAsync();
app.LogPaymentMode();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHttpApi();
app.MapProjectEndpoints();
app.MapLedgerEndpoints();
app.MapFundingBadge();
app.MapDonationEndpoints();
app.MapStripeWebhook();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
