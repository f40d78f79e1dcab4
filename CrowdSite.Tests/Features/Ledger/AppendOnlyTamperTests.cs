using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Ledger;

/// <summary>Raw SQL against the books, as someone with the database file would try it: refused, or caught by /api/v1/books.</summary>
public sealed class AppendOnlyTamperTests : IAsyncLifetime
{
    private static readonly string Sha = new('a', 40);
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);

    public async ValueTask InitializeAsync()
    {
        await using (var db = await NewContextAsync())
        {
            db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
            db.Commits.Add(new Commit { Repository = "octo/app", Sha = Sha });
            await db.SaveChangesAsync();
        }

        var at = TestDatabase.Now.AddHours(-2);
        var outcome = await _factory.Services.GetRequiredService<UsageIngest>().IngestAsync(
            [new UsageCharge("c1", "app", Sha, "compute", 1, "vCPU-hours", 13_682, "USD", at, at.AddHours(1))]);
        Assert.True(outcome.Valid);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("""INSERT OR REPLACE INTO "LedgerTransactions" SELECT * FROM "LedgerTransactions" """)]
    [InlineData("""REPLACE INTO "LedgerEntries" SELECT * FROM "LedgerEntries" """)]
    [InlineData("""INSERT OR REPLACE INTO "Charges" SELECT * FROM "Charges" """)]
    [InlineData("""UPDATE "Charges" SET "Amount" = 1""")]
    [InlineData("""DELETE FROM "Charges" """)]
    public async Task RewritingAPostedRow_IsRefused(string sql)
    {
        TestEngine.SqliteOnly("SQLite's SQL (REPLACE); RewritingAPostedRow_OnPostgres_IsRefused tries PostgreSQL's.");
        await using var db = await NewContextAsync();

        var refused = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(sql));

        Assert.Contains("append-only", refused.Message);
        Assert.True((await Books()).Balanced);
    }

    [Theory]
    [InlineData("""UPDATE "LedgerTransactions" SET "Description" = 'rewritten'""")]
    [InlineData("""UPDATE "LedgerEntries" SET "Amount" = 1""")]
    [InlineData("""DELETE FROM "LedgerEntries" """)]
    [InlineData("""TRUNCATE "LedgerEntries" CASCADE""")]
    [InlineData("""UPDATE "Charges" SET "Amount" = 1""")]
    [InlineData("""DELETE FROM "Charges" """)]
    [InlineData("""INSERT INTO "LedgerTransactions" SELECT * FROM "LedgerTransactions" ON CONFLICT ("Id") DO UPDATE SET "Description" = 'rewritten'""")]
    public async Task RewritingAPostedRow_OnPostgres_IsRefused(string sql)
    {
        Assert.SkipUnless(TestEngine.IsPostgres, "PostgreSQL only (runs with CROWDSITE_TEST_DATABASE=postgres).");
        await using var db = await NewContextAsync();

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));

        Assert.Contains("append-only", refused.MessageText);
        Assert.True((await Books()).Balanced);
        Assert.DoesNotContain("rewritten", await db.LedgerTransactions.Select(t => t.Description).ToListAsync());
    }

    [Fact]
    public async Task ReplacingATransactionWithOtherText_IsRefused()
    {
        TestEngine.SqliteOnly("SQLite's INSERT OR REPLACE; PostgreSQL's ON CONFLICT DO UPDATE is tried above.");
        await using var db = await NewContextAsync();

        var refused = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(
            """INSERT OR REPLACE INTO "LedgerTransactions" ("Id", "IdempotencyKey", "Kind", "At", "Currency", "Description", "ProjectId", "CommitId", "Resource", "Recurring") SELECT "Id", "IdempotencyKey", "Kind", "At", "Currency", 'rewritten', "ProjectId", "CommitId", "Resource", "Recurring" FROM "LedgerTransactions" """));

        Assert.Contains("append-only", refused.Message);
        Assert.DoesNotContain("rewritten", await db.LedgerTransactions.Select(t => t.Description).ToListAsync());
    }

    [Fact]
    public async Task ChangedDayRollup_MakesTheBooksUnbalanced()
    {
        Assert.True((await Books()).Balanced);
        await using (var db = await NewContextAsync())
        {
            // $136.82 shown as $636.82: the rollups are caches, so they can change, and the books must notice.
            await db.Database.ExecuteSqlRawAsync("""UPDATE "ProjectDays" SET "Charged" = "Charged" - 50000""");
        }

        var books = await Books();

        Assert.False(books.Balanced);
        Assert.Equal(1, books.MismatchedDays);
        Assert.True(books.DaysChecked >= 2); // the day and its charges by resource
    }

    [Fact]
    public async Task ChangedResourceRollup_MakesTheBooksUnbalanced()
    {
        await using (var db = await NewContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "ProjectResourceDays" SET "Resource" = 'memory'""");
        }

        var books = await Books();

        Assert.False(books.Balanced);
        Assert.Equal(2, books.MismatchedDays); // memory holds a charge it should not, compute lacks one
    }

    private Task<Books> Books() => _factory.Services.GetRequiredService<BooksService>().ReconcileAsync("USD");

    private Task<CrowdSiteDbContext> NewContextAsync() =>
        _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
}
