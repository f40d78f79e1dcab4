using System.Net.Http.Json;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Platform;

/// <summary>Links that leave the page come from Platform:PublicUrl, not from whatever Host header a request carries.</summary>
public sealed class PublicUrlTests : IAsyncLifetime
{
    private readonly CrowdSiteFactory _factory = new(seedDemo: false, settings: new Dictionary<string, string> { ["Platform:PublicUrl"] = "https://crowdsite.example" });

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private HttpClient ClientFromAForgedHost()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Host = "evil.example";
        return client;
    }

    [Fact]
    public async Task CheckoutUrl_UsesThePublicUrl()
    {
        var response = await ClientFromAForgedHost().PostAsJsonAsync("/api/v1/projects/app/donations", new { amount = 500, currency = "USD" }, TestContext.Current.CancellationToken);

        var url = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("checkoutUrl").GetString();
        Assert.StartsWith("https://crowdsite.example/checkout/simulated/", url);
    }

    [Fact]
    public async Task UpdatesFeed_UsesThePublicUrl()
    {
        var feed = await ClientFromAForgedHost().GetStringAsync("/p/app/updates.atom", TestContext.Current.CancellationToken);

        Assert.Contains("https://crowdsite.example/p/app/updates.atom", feed);
        Assert.DoesNotContain("evil.example", feed);
    }

    [Fact]
    public async Task LedgerNextLink_UsesThePublicUrl_AndKeepsTheQuery()
    {
        var ledger = _factory.Services.GetRequiredService<CrowdSite.Features.Ledger.LedgerService>();
        var project = (await _factory.Services.GetRequiredService<ProjectDirectory>().FindAsync("app", TestContext.Current.CancellationToken))!;
        for (var i = 0; i < 3; i++)
        {
            await ledger.PostAsync(Ledgers.Donation(project.Id, 100 + i, $"gift-{i}"), TestContext.Current.CancellationToken);
        }

        var page = await ClientFromAForgedHost().GetFromJsonAsync<JsonElement>("/api/v1/projects/app/ledger?limit=1&from=2000-01-01", TestContext.Current.CancellationToken);

        var next = page.GetProperty("next").GetString();
        Assert.StartsWith("https://crowdsite.example/api/v1/projects/app/ledger?", next);
        Assert.Contains("from=2000-01-01", next);
    }
}
