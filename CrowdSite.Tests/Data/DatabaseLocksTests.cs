using CrowdSite.Data;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Data;

/// <summary>The locks that let one instance at a time run a background job.</summary>
public sealed class DatabaseLocksTests
{
    [Fact]
    public async Task HeldOnOneInstance_IsRefusedOnTheOther_UntilReleased()
    {
        Assert.SkipUnless(TestEngine.IsPostgres, "PostgreSQL only: locks across instances are PostgreSQL advisory locks (runs with CROWDSITE_TEST_DATABASE=postgres).");
        await using var a = new CrowdSiteFactory(seedDemo: false);
        _ = a.Server;
        await using var b = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string> { ["ConnectionStrings:CrowdSite"] = a.PostgresConnectionString! });
        var onA = a.Services.GetRequiredService<DatabaseLocks>();
        var onB = b.Services.GetRequiredService<DatabaseLocks>();

        var held = await onA.TryAcquireAsync("a-job");
        Assert.NotNull(held);
        Assert.Null(await onB.TryAcquireAsync("a-job"));
        Assert.NotNull(await onB.TryAcquireAsync("another-job"));

        await held.DisposeAsync();
        await using var taken = await onB.TryAcquireAsync("a-job");
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task InOneProcess_TryAcquire_RefusesASecondHolder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var locks = new DatabaseLocks(database);

        await using (var first = await locks.TryAcquireAsync("job"))
        {
            Assert.NotNull(first);
            Assert.Null(await locks.TryAcquireAsync("job"));
        }

        await using var again = await locks.TryAcquireAsync("job");
        Assert.NotNull(again);
    }
}
