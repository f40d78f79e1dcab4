using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.FreeTier.Live;

public sealed class PotLiveEndpointTests : IAsyncLifetime
{
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);
    private int _projectId;

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var project = new Project { Slug = "giver", Name = "Giver", Repository = "octo/giver", Currency = "USD", CreatedAt = TestDatabase.Now.UtcDateTime };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        _projectId = project.Id;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Open_GetsThePot_ThenItsNewFiguresWhenAGiftCarriesAShare()
    {
        await using var stream = await EventStream.OpenAsync(_factory.CreateClient(), "/free-tier/live");

        var first = await stream.NextAsync();
        await GiveAsync(pot: 1_234, "g1");
        var second = await stream.NextAsync();

        Assert.Equal(["pot-figures", "pot-grants"], first.Data.GetProperty("regions").EnumerateObject().Select(r => r.Name).Order());
        Assert.Equal("pot-chart", Assert.Single(first.Data.GetProperty("charts").EnumerateObject()).Name);
        Assert.True(second.Id > first.Id);
        Assert.Contains("$12.34", second.Data.GetProperty("regions").GetProperty("pot-figures").GetString());
    }

    [Fact]
    public async Task Reconnect_WithTheCurrentLastEventId_GetsOnlyWhatComesNext()
    {
        SseEvent current;
        await using (var probe = await EventStream.OpenAsync(_factory.CreateClient(), "/free-tier/live"))
        {
            current = await probe.NextAsync();
        }

        await using var stream = await EventStream.OpenAsync(_factory.CreateClient(), "/free-tier/live", lastEventId: current.RawId);
        await GiveAsync(pot: 500, "g1");
        var next = await stream.NextAsync();

        Assert.True(next.Id > current.Id);
        Assert.Contains("$5.00", next.Data.GetProperty("regions").GetProperty("pot-figures").GetString());
    }

    private async Task GiveAsync(long pot, string key) =>
        await _factory.Services.GetRequiredService<LedgerService>().PostAsync(Ledgers.Donation(_projectId, 10_000, key, pot: pot));
}
