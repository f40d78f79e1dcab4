using System.Net.Http.Json;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Live;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.TestSupport;

/// <summary>
/// Two app instances (two hosts, as two machines would run them) on one PostgreSQL database, sharing one project:
/// the base of the tests that the books stay exactly right whichever instance writes, and that a change on one
/// reaches the other's live pages and caches.
/// </summary>
public abstract class TwoInstances : IAsyncLifetime
{
    protected static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private static readonly string Sha = new('a', 40);
    private CrowdSiteFactory _a = null!;
    private CrowdSiteFactory _b = null!;
    private int _projectId;

    protected CrowdSiteFactory A => _a;

    protected CrowdSiteFactory B => _b;

    protected int ProjectId => _projectId;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(TestEngine.IsPostgres, "PostgreSQL only: several instances share a PostgreSQL database (runs with CROWDSITE_TEST_DATABASE=postgres).");
        _a = new CrowdSiteFactory(seedDemo: false);
        _ = _a.Server;
        _b = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string> { ["ConnectionStrings:CrowdSite"] = _a.PostgresConnectionString! });
        _ = _b.Server;
        await using var db = await _a.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var project = new Project { Slug = "shared", Name = "Shared", Repository = "octo/shared", Currency = "USD" };
        db.Projects.Add(project);
        db.Commits.Add(new Commit { Repository = "octo/shared", Sha = Sha });
        await db.SaveChangesAsync();
        _projectId = project.Id;
        await WaitUntilListeningAsync(_a);
        await WaitUntilListeningAsync(_b);
    }

    public async ValueTask DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected static UsageCharge Charge(string id, long amount)
    {
        var at = TestDatabase.Now.AddHours(-2);
        return new UsageCharge(id, "shared", Sha, "compute", 1, "vCPU-hours", amount, "USD", at, at.AddHours(1));
    }

    protected static async Task<long> BalanceAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/projects/shared", TestContext.Current.CancellationToken)).GetProperty("balance").GetInt64();

    protected async Task AssertBooksBalancedAsync()
    {
        var books = await _b.Services.GetRequiredService<BooksService>().ReconcileAsync("USD");
        Assert.True(books.Balanced);
    }

    protected async Task TerminateListenersAsync()
    {
        await using var db = await _a.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (_b.Services.GetRequiredService<PostgresLiveUpdates>().Listening && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    protected static async Task WaitUntilListeningAsync(CrowdSiteFactory factory)
    {
        var backplane = factory.Services.GetRequiredService<PostgresLiveUpdates>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!backplane.Listening && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(backplane.Listening);
    }
}
