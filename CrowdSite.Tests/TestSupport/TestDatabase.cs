using CrowdSite.Features.Live;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CrowdSite.Tests.TestSupport;

/// <summary>A real SQLite database file with the migrations applied, deleted afterwards.</summary>
public sealed class TestDatabase : IDbContextFactory<CrowdSiteDbContext>, IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crowdsite-tests", Guid.NewGuid().ToString("N"));

    private TestDatabase(string? postgres)
    {
        Directory.CreateDirectory(_directory);
        ConnectionString = postgres
            ?? new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "test.db"), DefaultTimeout = 30 }.ToString();
        IsPostgres = postgres is not null;
    }

    public bool IsPostgres { get; }

    public string ConnectionString { get; }
    public FakeTimeProvider Time { get; } = new(Now);
    public InProcessLiveUpdates Live { get; } = new();

    public static async Task<TestDatabase> CreateAsync()
    {
        if (TestEngine.IsPostgres)
        {
            return new TestDatabase(await TestEngine.CreatePostgresDatabaseAsync()); // migrated already
        }

        var database = new TestDatabase(null);
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public CrowdSiteDbContext CreateDbContext() => IsPostgres
        ? new PostgresDbContext(TestEngine.PostgresOptions(ConnectionString))
        : new SqliteDbContext(new DbContextOptionsBuilder<CrowdSiteDbContext>().UseSqlite(ConnectionString).Options);

    public LedgerService Ledger() => new(this, Time, Live);

    public FiguresService Figures(int typicalIncomeMonths = 6) =>
        new(this, Time, Microsoft.Extensions.Options.Options.Create(new FundingOptions { TypicalIncomeMonths = typicalIncomeMonths }));

    public ValueTask DisposeAsync()
    {
        if (IsPostgres)
        {
            TestEngine.DropPostgresDatabase(ConnectionString);
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned eventually.
        }

        return ValueTask.CompletedTask;
    }
}
