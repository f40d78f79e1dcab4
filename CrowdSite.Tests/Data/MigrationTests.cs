using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrate_EmptyFile_AppliesEveryMigration()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Projects.CountAsync());
    }

    [Fact]
    public async Task Model_MatchesTheMigrations_NoPendingChanges()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a migration: run dotnet ef migrations add.");
    }

    [Fact]
    public async Task Migrate_CreatesAppendOnlyTriggers()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        var triggers = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'trigger'").ToListAsync();

        Assert.Contains("LedgerEntries_no_update", triggers);
        Assert.Contains("LedgerEntries_no_delete", triggers);
        Assert.Contains("LedgerTransactions_no_update", triggers);
        Assert.Contains("LedgerTransactions_no_delete", triggers);
    }
}
