using System.Net;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Projects;

public sealed class ProjectPageOutputCacheTests : IAsyncLifetime
{
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);
    private int _projectId;

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var project = new Project { Slug = "cached", Name = "Cached", Repository = "octo/cached", Currency = "USD", CreatedAt = TestDatabase.Now.UtcDateTime };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        _projectId = project.Id;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AnonymousViews_AreServedFromTheCache_UntilTheLedgerChanges()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _factory.CreateClient();

        var first = await client.GetAsync("/p/cached", ct);
        var second = await client.GetAsync("/p/cached?utm=anything", ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"), "a shared page must not hand out a visitor's cookie");
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(ct), await second.Content.ReadAsStringAsync(ct));
        Assert.DoesNotContain("$123.45", await second.Content.ReadAsStringAsync(ct));

        await _factory.Services.GetRequiredService<LedgerService>().PostAsync(Ledgers.Charge(_projectId, 12_345, "c1"), ct);
        var afterCharge = await client.GetAsync("/p/cached", ct);

        Assert.Null(afterCharge.Headers.Age);
        Assert.Contains("$123.45", await afterCharge.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task UnknownSlug_Is404_AndWrongCase_RedirectsToTheRealPage()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var unknown = await client.GetAsync("/p/nope", ct);
        var wrongCase = await client.GetAsync("/p/CACHED", ct);
        var real = await client.GetAsync("/p/cached", ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("data-testid=\"not-found\"", await unknown.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.Redirect, wrongCase.StatusCode);
        Assert.Equal("/p/cached", wrongCase.Headers.Location?.OriginalString.Replace("http://localhost", ""));
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Null(real.Headers.Age); // neither the 404 nor the redirect took the real page's place in the cache
        Assert.DoesNotContain("Nothing here", await real.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task AnotherProjectsCharge_LeavesThisPageCached()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _factory.CreateClient();
        int otherId;
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync(ct))
        {
            var other = new Project { Slug = "other", Name = "Other", Repository = "octo/other", Currency = "USD", CreatedAt = TestDatabase.Now.UtcDateTime };
            db.Projects.Add(other);
            await db.SaveChangesAsync(ct);
            otherId = other.Id;
        }

        (await client.GetAsync("/p/cached", ct)).EnsureSuccessStatusCode();
        (await client.GetAsync("/p/other", ct)).EnsureSuccessStatusCode();
        await _factory.Services.GetRequiredService<LedgerService>().PostAsync(Ledgers.Charge(otherId, 700, "other-charge"), ct);

        Assert.NotNull((await client.GetAsync("/p/cached", ct)).Headers.Age);
        Assert.Null((await client.GetAsync("/p/other", ct)).Headers.Age);
    }

    [Fact]
    public async Task SignedInViews_AreRenderedEveryTime()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _factory.CreateClient();
        (await client.GetAsync("/signin/dev?as=demo-donor&returnUrl=/", ct)).EnsureSuccessStatusCode();

        var first = await client.GetAsync("/p/cached", ct);
        var second = await client.GetAsync("/p/cached", ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.Null(second.Headers.Age);
        Assert.Contains("me-link", await second.Content.ReadAsStringAsync(ct));
    }
}
