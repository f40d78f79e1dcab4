using CrowdSite.Data;
using CrowdSite.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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

    [Fact]
    public async Task Released_IsFreeAtOnce_ForTheNextHolder()
    {
        Assert.SkipUnless(TestEngine.IsPostgres, "PostgreSQL only: the lock is a session's advisory lock (runs with CROWDSITE_TEST_DATABASE=postgres).");
        // Closed without an unlock, the lock stayed held until the server had ended the session, a moment after the
        // close returned, and the next holder was refused (seen in CI). Another session, already open, asks at once.
        await using var database = await TestDatabase.CreateAsync();
        var locks = new DatabaseLocks(database);
        await using var other = new NpgsqlConnection(database.ConnectionString);
        await other.OpenAsync();
        await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", other);
        take.Parameters.AddWithValue("key", DatabaseLocks.KeyOf("job"));
        await using var untake = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", other);
        untake.Parameters.AddWithValue("key", DatabaseLocks.KeyOf("job"));

        for (var round = 0; round < 50; round++)
        {
            var held = await locks.TryAcquireAsync("job");
            Assert.True(held is not null, $"refused in round {round}");
            await held.DisposeAsync();
            Assert.True((bool)(await take.ExecuteScalarAsync())!, $"still held after its release, in round {round}");
            await untake.ExecuteScalarAsync();
        }
    }
}
