using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CrowdSite.Data;
using CrowdSite.Features.FreeTier;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Maintainers;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Infrastructure.Http;

/// <summary>
/// What the site publishes for machines (the ledger's CSV, the Atom feed, Retry-After, keys and descriptions in
/// the books) and what search matches are the same whatever the server's culture. Requests run in the test's
/// culture (the test server keeps the caller's execution context).
/// </summary>
public sealed class InvariantOutputsTests : IAsyncLifetime
{
    private readonly CrowdSiteFactory _site = new(seedDemo: false, settings: new Dictionary<string, string>
    {
        ["RateLimits:DonationStartsPerMinute"] = "1",
    });

    private readonly WebApplicationFactory<Program> _factory;
    private int _projectId;

    public InvariantOutputsTests() => _factory = _site.WithWebHostBuilder(b =>
        b.ConfigureServices(s => s.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true)));

    private IServiceProvider Services => _factory.Services;

    public async ValueTask InitializeAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var project = new Project { Slug = "immich", Name = "Immich", Repository = "immich-app/immich", Currency = "USD", CreatedAt = TestDatabase.Now.UtcDateTime };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        _projectId = project.Id;
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    [Theory]
    [InlineData("th-TH")]
    [InlineData("sv-SE")]
    public async Task LedgerCsv_AnyCulture_WritesIsoInstantsAndAsciiMinus(string culture)
    {
        await Services.GetRequiredService<LedgerService>().PostAsync(
            Ledgers.Charge(_projectId, 1_250, "c1", at: new DateTime(2026, 11, 25, 10, 30, 0, DateTimeKind.Utc)), TestContext.Current.CancellationToken);
        using var _ = new CultureScope(culture);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects/immich/ledger");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        var response = await _factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimEnd('\n').Split('\n');
        Assert.Matches(@"^\d+,\d+,2026-11-25T10:30:00\.000Z,charge,-1250,USD,Compute,,,-1250$", lines[1]);
    }

    [Fact]
    public async Task UpdatesFeed_BuddhistCalendarCulture_WritesRfc3339Dates()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.ProjectUpdates.Add(new ProjectUpdate
            {
                ProjectId = _projectId, Title = "Hello", Body = "First.", AuthorId = "1", AuthorName = "Ada",
                PublishedAt = new DateTime(2026, 11, 20, 8, 5, 9, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var _ = new CultureScope("th-TH");

        var feed = await _factory.CreateClient().GetStringAsync("/p/immich/updates.atom", TestContext.Current.CancellationToken);

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(feed, "<updated>2026-11-20T08:05:09Z</updated>"));
    }

    [Fact]
    public async Task RetryAfter_ArabicCulture_IsAsciiSeconds()
    {
        using var _ = new CultureScope("ar-SA");
        var client = _factory.CreateClient();
        await client.PostAsJsonAsync("/api/v1/projects/immich/donations", new { amount = 500, currency = "USD" }, TestContext.Current.CancellationToken);

        var limited = await client.PostAsJsonAsync("/api/v1/projects/immich/donations", new { amount = 500, currency = "USD" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Matches("^[0-9]+$", Assert.Single(limited.Headers.GetValues("Retry-After")));
    }

    [Fact]
    public async Task Search_TurkishCulture_MatchesACapitalI()
    {
        using var _ = new CultureScope("tr-TR");

        var result = await Services.GetRequiredService<ProjectSearch>().SearchAsync(new ProjectQuery("IMMICH"), TestContext.Current.CancellationToken);

        Assert.Equal("immich", Assert.Single(result.Items).Project.Slug);
    }

    [Fact]
    public void BooksText_GermanOrThaiCulture_IsInvariant()
    {
        var charge = new Charge { SourceId = "s", ProjectId = 1, Resource = "memory", Quantity = 12.5, Unit = "GB-hours", Currency = "USD" };

        using (new CultureScope("de-DE"))
        {
            Assert.StartsWith("Memory: 12.5 GB-hours for", ChargePostings.Build(charge, "Immich", "abcdef1", null).Description);
        }

        using (new CultureScope("th-TH"))
        {
            Assert.Equal("grant:2026-11:7", PotAllocation.KeyFor(new DateOnly(2026, 11, 1), 7));
        }
    }
}
