using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CrowdSite.Data;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

/// <summary>
/// Metering ingest benchmark: charges a second through POST /api/v1/usage (batches of 10,000 over loopback)
/// against a raw prepared-statement SQLite insert loop of the same rows (the ledger transaction, its two
/// entries and the charge, into the same schema), in the same run.
/// </summary>
internal static class IngestBenchmark
{
    private const string Key = "cs_bench_key";
    private const int Batches = 5;
    private const int BatchSize = 10_000;
    private const int WarmUpBatches = 3;
    private const int Rounds = 3;

    public static async Task RunAsync()
    {
        var work = Path.Combine(Path.GetTempPath(), "crowdsite-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var sha = new string('a', 40);
        await using var factory = new BenchFactory(Path.Combine(work, "ingest.db"), settings: new Dictionary<string, string>
        {
            ["Metering:ApiKeyHashes:0"] = ApiKey.HashOf(Key),
            ["Metering:RequestsPerMinute"] = "100000",
        });
        var baseUrl = factory.StartOnLoopback();
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync())
        {
            db.Projects.Add(new Project { Slug = "bench", Name = "Bench", Repository = "bench/app", Currency = "USD" });
            db.Commits.Add(new Commit { Repository = "bench/app", Sha = sha });
            await db.SaveChangesAsync();
        }

        var start = DateTimeOffset.UtcNow.AddDays(-1);
        object Row(int i) => new
        {
            id = $"bench-{i}", project = "bench", commitSha = sha, resource = "compute", quantity = 1.5, unit = "vCPU-hours",
            amount = 5 + Math.Abs(i % 7), currency = "USD", periodStart = start.AddSeconds(i), periodEnd = start.AddSeconds(i + 1),
        };

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        // Warm up (JIT tiers, connection pool, caches) with full-size batches before anything is timed.
        for (var w = 1; w <= WarmUpBatches; w++)
        {
            (await http.PostAsJsonAsync("/api/v1/usage", new { charges = Enumerable.Range(-w * BatchSize, BatchSize).Select(Row).ToArray() })).EnsureSuccessStatusCode();
        }

        // Rounds of fresh charges: one sender posting batch after batch, then two senders at once (a
        // metering pipeline with two workers: one batch is parsed and checked while another is written), then
        // the raw loop. The database grows the same way in both; the median of the rounds damps a noisy machine.
        var raw = Path.Combine(work, "raw.db");
        RawInsertLoop(raw, firstCharge: 0, WarmUpBatches * BatchSize);
        var ones = new List<double>();
        var twos = new List<double>();
        var raws = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var first = round * 2 * Batches;
            var bodies = Enumerable.Range(first, 2 * Batches)
                .Select(b => JsonContent.Create(new { charges = Enumerable.Range(b * BatchSize, BatchSize).Select(Row).ToArray() })).ToList();
            foreach (var body in bodies)
            {
                await body.LoadIntoBufferAsync();
            }

            ones.Add(await SendAsync(http, bodies[..Batches], senders: 1));
            twos.Add(await SendAsync(http, bodies[Batches..], senders: 2));
            raws.Add(RawInsertLoop(raw, firstCharge: (WarmUpBatches + first) * BatchSize, 2 * Batches * BatchSize));
        }

        var (oneSender, twoSenders, rawRate) = (Measure.Median(ones), Measure.Median(twos), Measure.Median(raws));
        string Goals(double rate) =>
            $"{rate / rawRate:P0} of raw; >= 20,000/s {(rate >= 20_000 ? "met" : "NOT met")}, >= 50% {(rate / rawRate >= 0.5 ? "met" : "NOT met")}";

        Console.WriteLine($"Metering ingest, batches of {BatchSize:N0} charges, median of {Rounds} rounds (each round's figure in brackets):");
        Console.WriteLine($"  raw prepared-statement SQLite insert loop of the same rows   {rawRate,7:N0} charges/s [{Measure.Runs(raws)}] (a transaction, two entries and a charge each)");
        Console.WriteLine($"  POST /api/v1/usage (validation, ledger, rollups), one sender  {oneSender,7:N0} charges/s [{Measure.Runs(ones)}]   {Goals(oneSender)}");
        Console.WriteLine($"  POST /api/v1/usage (validation, ledger, rollups), two senders {twoSenders,7:N0} charges/s [{Measure.Runs(twos)}]   {Goals(twoSenders)}");
        SqliteConnection.ClearAllPools();
    }

    private static async Task<double> SendAsync(HttpClient http, IReadOnlyList<HttpContent> bodies, int senders)
    {
        var next = -1;
        var timer = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < bodies.Count)
            {
                (await http.PostAsync("/api/v1/usage", bodies[i])).EnsureSuccessStatusCode();
            }
        }));
        return bodies.Count * BatchSize / timer.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The floor: the rows an ingested charge becomes (its ledger transaction, two entries and the charge
    /// itself) inserted into a database of the same schema (indexes, foreign keys, triggers) with one prepared
    /// statement per table in one transaction per batch: no HTTP, validation, idempotency or rollups.
    /// </summary>
    private static double RawInsertLoop(string path, int firstCharge, int charges)
    {
        // Foreign keys on, as EF Core turns them on for the app's connections.
        var connectionString = $"Data Source={path};Foreign Keys=True";
        var fresh = !File.Exists(path);
        using (var db = new SqliteDbContext(new DbContextOptionsBuilder<CrowdSiteDbContext>().UseSqlite(connectionString).Options))
        {
            db.Database.Migrate();
            if (fresh)
            {
                db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
                db.Projects.Add(new Project { Slug = "raw", Name = "Raw", Repository = "raw/app", Currency = "USD" });
                db.Commits.Add(new Commit { Repository = "raw/app", Sha = new string('a', 40) });
                db.SaveChanges();
            }
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var settings = connection.CreateCommand())
        {
            // The app's connection setting (CrowdSite.Data.SqliteCacheSize).
            settings.CommandText = "PRAGMA cache_size = -32768;";
            settings.ExecuteNonQuery();
        }

        var timer = Stopwatch.StartNew();
        for (var b = 0; b < charges / BatchSize; b++)
        {
            using var tx = connection.BeginTransaction();
            // Prepared statements bound by position straight through SQLite, as the app's BulkInserter writes.
            using var transaction = Prepare(connection,
                "INSERT INTO LedgerTransactions (IdempotencyKey, Kind, At, Currency, Description, ProjectId, CommitId, Resource, Recurring, ReversesTransactionId) " +
                "VALUES (?1, 'Charge', ?2, 'USD', ?3, 1, 1, 'compute', 0, NULL)");
            using var entry = Prepare(connection,
                "INSERT INTO LedgerEntries (TransactionId, Account, ProjectId, Kind, CountsAs, Amount, Currency, At, BalanceAfter, ReversesEntryId) " +
                "VALUES (?1, ?2, ?3, 'Charge', 'Charge', ?4, 'USD', ?5, ?6, NULL)");
            using var charge = Prepare(connection,
                "INSERT INTO Charges (SourceId, ProjectId, CommitId, Resource, Quantity, Unit, Amount, UnitPriceMicros, Currency, PeriodStart, PeriodEnd, LedgerTransactionId) " +
                "VALUES (?1, 1, 1, 'compute', 1.5, 'vCPU-hours', ?2, NULL, 'USD', ?3, ?4, ?5)");
            for (var i = firstCharge + b * BatchSize; i < firstCharge + (b + 1) * BatchSize; i++)
            {
                var at = DateTime.UtcNow;
                var amount = 5 + i % 7;
                Run(connection, transaction, $"charge:raw-{i}", at, "Compute: 1.5 vCPU-hours for Raw at aaaaaaa");
                var id = raw.sqlite3_last_insert_rowid(connection.Handle);
                Run(connection, entry, id, "project:1", 1L, (long)-amount, at, -amount * (long)i);
                Run(connection, entry, id, "provider:compute", null, (long)amount, at, amount * (long)i);
                Run(connection, charge, $"raw-{i}", (long)amount, at, at.AddSeconds(1), id);
            }

            tx.Commit();
        }

        return charges / timer.Elapsed.TotalSeconds;
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
    {
        if (raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string());
        }

        return statement;
    }

    private static void Run(SqliteConnection connection, sqlite3_stmt statement, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _ = values[i] switch
            {
                null => raw.sqlite3_bind_null(statement, i + 1),
                long number => raw.sqlite3_bind_int64(statement, i + 1, number),
                DateTime instant => raw.sqlite3_bind_text(statement, i + 1, instant.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
                var other => raw.sqlite3_bind_text(statement, i + 1, (string)other),
            };
        }

        var step = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (step != raw.SQLITE_DONE)
        {
            throw new InvalidOperationException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string());
        }
    }
}
