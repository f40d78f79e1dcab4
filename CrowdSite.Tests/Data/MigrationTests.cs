using CrowdSite.Data;
using CrowdSite.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

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
    public void PostgresModel_MatchesItsMigrations_NoPendingChanges()
    {
        // Needs no server: the model is compared with Migrations/Postgres's snapshot.
        using var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=localhost;Database=none").Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes without a PostgreSQL migration: run dotnet ef migrations add NAME --context PostgresDbContext --output-dir Migrations/Postgres.");
    }

    [Fact]
    public async Task Migrate_CreatesAppendOnlyTriggers()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        if (database.IsPostgres)
        {
            var names = await db.Database.SqlQueryRaw<string>("SELECT tgname AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal").ToListAsync();
            foreach (var table in new[] { "LedgerEntries", "LedgerTransactions", "Charges" })
            {
                Assert.Contains($"{table}_no_change", names);
                Assert.Contains($"{table}_no_truncate", names);
            }

            return;
        }

        var triggers = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'trigger'").ToListAsync();

        Assert.Contains("LedgerEntries_no_update", triggers);
        Assert.Contains("LedgerEntries_no_delete", triggers);
        Assert.Contains("LedgerTransactions_no_update", triggers);
        Assert.Contains("LedgerTransactions_no_delete", triggers);
    }

    [Fact]
    public async Task Start_AfterACrashThatLeftTheMigrationLock_ComesUp()
    {
        TestEngine.SqliteOnly("SQLite's migration lock is a row; PostgreSQL's is an advisory lock the server drops with the connection.");
        // What a kill -9 during the first start leaves: EF's lock row, taken by a process that is gone, and no migrations.
        await using var factory = new CrowdSiteFactory(seedDemo: false);
        Directory.CreateDirectory(Path.GetDirectoryName(factory.DatabasePath)!);
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-01-01 00:00:00+00:00');
                """;
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        // Before the fix this start waited for the lock forever.
        await Task.Run(() => factory.Server, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var health = await factory.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.True(health.IsSuccessStatusCode);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Start_WithNothingPending_TakesNoMigrationLock()
    {
        TestEngine.SqliteOnly("SQLite's migration lock is a row; PostgreSQL's is an advisory lock the server drops with the connection.");
        await using var database = await TestDatabase.CreateAsync(); // migrated
        await using (var db = database.CreateDbContext())
        {
            // A lock someone holds right now (taken in the future, so never cleared): a start that migrated would wait for it.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2999-01-01 00:00:00+00:00');
                """, TestContext.Current.CancellationToken);
        }

        await using var factory = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:CrowdSite"] = database.ConnectionString,
        });
        await Task.Run(() => factory.Server, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.True((await factory.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken)).IsSuccessStatusCode);
    }

    [Fact]
    public async Task MigrateDonorPrivacy_ExistingGifts_NamedKeepNameAndAmountUnnamedBecomeAnonymous()
    {
        TestEngine.SqliteOnly("The data step is the same SQL on both engines; this test writes rows with SQLite's types.");
        var path = Path.Combine(Path.GetTempPath(), $"crowdsite-migration-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<CrowdSiteDbContext>().UseSqlite($"Data Source={path};Pooling=False;Foreign Keys=False").Options;
        try
        {
            await using var db = new SqliteDbContext(options);
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync("20261205161501_DaySeals", TestContext.Current.CancellationToken);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Donations" ("ProjectId", "Amount", "Fee", "PotShare", "Currency", "Recurring", "PublicName", "Status", "CreatedAt")
                VALUES (1, 2500, 103, 0, 'USD', 0, 'Ada', 'Succeeded', '2026-12-01 10:00:00'),
                       (1, 1000, 59, 0, 'USD', 0, NULL, 'Succeeded', '2026-12-01 11:00:00');
                """, TestContext.Current.CancellationToken);

            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

            var rows = await db.Donations.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.PublicName, d.Visibility, d.PresentmentAmount }).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(CrowdSite.Features.Donations.DonorVisibility.NameAndAmount, rows[0].Visibility);
            Assert.Equal(CrowdSite.Features.Donations.DonorVisibility.Anonymous, rows[1].Visibility);
            Assert.All(rows, r => Assert.Null(r.PresentmentAmount));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
