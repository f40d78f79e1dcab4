using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Donations;

/// <summary>The simulated checkout as a plain form (static rendering, no circuit, no JavaScript), as a browser posts it.</summary>
public sealed partial class SimulatedCheckoutFormTests : IAsyncLifetime
{
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);
    private HttpClient _donor = null!;

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
        await db.SaveChangesAsync();
        _donor = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Pay_PostedWithTheFormsToken_RecordsTheGiftAndRedirectsToTheReceipt()
    {
        var (checkout, token) = await OpenCheckoutAsync();

        var paid = await _donor.PostAsync(checkout, Form(token, "pay"));

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.StartsWith("/receipts/", paid.Headers.Location!.AbsolutePath);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(500, (await db.Donations.SingleAsync()).Amount);
    }

    [Fact]
    public async Task Cancel_PostedWithTheFormsToken_RecordsNothing()
    {
        var (checkout, token) = await OpenCheckoutAsync();

        var cancelled = await _donor.PostAsync(checkout, Form(token, "cancel"));

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal("/p/app?donation=cancelled", cancelled.Headers.Location!.PathAndQuery);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Donations.ToListAsync());
        Assert.Equal(CheckoutStatus.Canceled, (await db.CheckoutIntents.SingleAsync()).Status);
    }

    [Fact]
    public async Task Pay_WithoutTheToken_IsRefused()
    {
        var (checkout, _) = await OpenCheckoutAsync();

        var forged = await _donor.PostAsync(checkout, Form(token: "", "pay"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Donations.ToListAsync());
    }

    private async Task<(string Checkout, string Token)> OpenCheckoutAsync()
    {
        var start = await _donor.PostAsJsonAsync("/api/v1/projects/app/donations", new { amount = 500, currency = "USD" });
        start.EnsureSuccessStatusCode();
        var checkout = new Uri((await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkoutUrl").GetString()!).PathAndQuery;
        var page = await _donor.GetStringAsync(checkout);
        return (checkout, TokenField().Match(page).Groups[1].Value);
    }

    private static FormUrlEncodedContent Form(string token, string choice) => new(new Dictionary<string, string>
    {
        ["_handler"] = "simulated-checkout",
        ["__RequestVerificationToken"] = token,
        ["Choice"] = choice,
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
