using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Metering;
using CrowdSite.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Tests.Data;

/// <summary>Rows the bulk path writes must read back exactly like rows EF Core writes.</summary>
public sealed class BulkInserterTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task BulkRows_StoreValuesInEfCoresFormats()
    {
        TestEngine.SqliteOnly("the bulk inserter is SQLite's prepared-statement path; PostgreSQL writes through the change tracker.");
        var project = await _database.AddProjectAsync(); // written by EF: CreatedAt is the reference format
        var commit = await _database.AddCommitAsync();
        var intent = Guid.NewGuid();
        await using (var db = _database.CreateDbContext())
        {
            db.CheckoutIntents.Add(new CheckoutIntent
            {
                Id = intent, ProjectId = project.Id, Gift = 500, Gross = 500, Currency = "USD", CreatedAt = TestDatabase.Now.UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        var charge = new Charge
        {
            SourceId = "c1", ProjectId = project.Id, CommitId = commit.Id, Resource = "compute", Quantity = 1.5, Unit = "vCPU-hours",
            Amount = 42, Currency = "USD", PeriodStart = project.CreatedAt, PeriodEnd = project.CreatedAt.AddHours(1),
        };
        await _database.Ledger().PostAsync(ChargePostings.Build(charge, "Demo", "aaaaaaa", null));
        await _database.Ledger().PostAsync(Ledgers.Donation(project.Id, 500, "d1") with
        {
            Attach = tx => new Donation
            {
                ProjectId = project.Id, Amount = 500, Currency = "USD", Status = DonationStatus.Succeeded, CreatedAt = TestDatabase.Now.UtcDateTime,
                CheckoutIntentId = intent, LedgerTransaction = tx, ReceiptToken = "r",
            },
        });

        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(await TextAsync(connection, "SELECT CreatedAt FROM Projects"), await TextAsync(connection, "SELECT PeriodStart FROM Charges"));
        Assert.Equal("real", await TextAsync(connection, "SELECT typeof(Quantity) FROM Charges"));
        Assert.Equal("Charge|0|integer", await TextAsync(connection, "SELECT Kind || '|' || Recurring || '|' || typeof(Recurring) FROM LedgerTransactions WHERE IdempotencyKey = 'charge:c1'"));
        Assert.Equal(await TextAsync(connection, "SELECT Id FROM CheckoutIntents"), await TextAsync(connection, "SELECT CheckoutIntentId FROM Donations"));
        await using var db2 = _database.CreateDbContext();
        var stored = await db2.Charges.AsNoTracking().Include(c => c.LedgerTransaction).SingleAsync();
        Assert.Equal(DateTimeKind.Utc, stored.PeriodStart.Kind);
        Assert.Equal(project.CreatedAt, stored.PeriodStart);
        Assert.Equal(stored.LedgerTransaction!.Id, stored.LedgerTransactionId);
        Assert.Equal(intent, (await db2.Donations.SingleAsync()).CheckoutIntentId);
    }

    [Fact]
    public async Task TakenKey_IsRefusedAsAConstraintViolation()
    {
        TestEngine.SqliteOnly("the bulk inserter is SQLite's prepared-statement path; PostgreSQL writes through the change tracker.");
        var project = await _database.AddProjectAsync();
        await using var db = _database.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync();
        using var inserter = BulkInserter.Create(db, typeof(LedgerTransaction));
        LedgerTransaction Row() => new() { IdempotencyKey = "same", Kind = LedgerKind.Charge, At = TestDatabase.Now.UtcDateTime, Currency = "USD", Description = "x", ProjectId = project.Id };

        inserter.Insert(Row());
        var error = Assert.Throws<SqliteException>(() => inserter.Insert(Row()));

        // The append-only guard refuses it before the unique index would (SQLITE_CONSTRAINT_TRIGGER), so REPLACE cannot rewrite it either.
        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Equal(1811, error.SqliteExtendedErrorCode);
        Assert.Contains("append-only", error.Message);
    }

    private static async Task<string?> TextAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}

public sealed class WriteTransactionTests
{
    [Fact]
    public async Task Begin_OnSqlite_HoldsTheWriteLockAtOnce()
    {
        TestEngine.SqliteOnly("BEGIN IMMEDIATE is SQLite's; WriteTransaction_OnPostgres_SerializesWriters checks PostgreSQL's lock.");
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        await using (var write = await WriteTransaction.BeginAsync(db, TestContext.Current.CancellationToken))
        {
            await using var other = new SqliteConnection(database.ConnectionString + ";Default Timeout=1");
            await other.OpenAsync();
            var taken = Assert.Throws<SqliteException>(() => other.BeginTransaction(deferred: false));
            Assert.Equal(5, taken.SqliteErrorCode); // SQLITE_BUSY: the lock was ours before we read or wrote anything
        }

        await using var after = new SqliteConnection(database.ConnectionString);
        await after.OpenAsync();
        using var free = after.BeginTransaction(deferred: false); // released once disposed
    }

    [Fact]
    public async Task WriteTransaction_OnPostgres_SerializesWriters()
    {
        Assert.SkipUnless(TestEngine.IsPostgres, "PostgreSQL only: the ledger's advisory lock (runs with CROWDSITE_TEST_DATABASE=postgres).");
        await using var database = await TestDatabase.CreateAsync();
        await using var first = database.CreateDbContext();
        await using var second = database.CreateDbContext();
        var ct = TestContext.Current.CancellationToken;

        var write = await WriteTransaction.BeginAsync(first, ct);
        var waiting = Task.Run(async () => await WriteTransaction.BeginAsync(second, ct), ct);
        await Task.Delay(500, ct);
        Assert.False(waiting.IsCompleted); // another writer (another instance, as far as the server knows) waits

        await write.CommitAsync(ct);
        await write.DisposeAsync();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10), ct); // and goes on once the first commits
    }
}
