using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CrowdSite.Data;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// The ingest benchmark on PostgreSQL: charges a second through POST /api/v1/usage with one instance (one
/// sender) and with two instances on one database (a sender each), against a raw binary-COPY loop of the same
/// rows into the same schema (the raw limit), side by side in one run, median and each of three rounds.
/// </summary>
internal static class PostgresIngestBenchmark
{
    private const string Key = "cs_bench_key";
    private const int Batches = 6;
    private const int BatchSize = 10_000;
    private const int Rounds = 3;

    public static async Task RunAsync(string server)
    {
        var app = await CreateDatabaseAsync(server, "crowdsite_bench_app");
        var rawDb = await CreateDatabaseAsync(server, "crowdsite_bench_raw");
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:CrowdSite"] = app,
            ["Metering:ApiKeyHashes:0"] = ApiKey.HashOf(Key),
            ["Metering:RequestsPerMinute"] = "100000",
        };
        await using var a = new BenchFactory("unused.db", settings: settings);
        var urlA = a.StartOnLoopback();
        await using var b = new BenchFactory("unused.db", settings: settings);
        var urlB = b.StartOnLoopback();
        var sha = new string('a', 40);
        await using (var db = await a.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync())
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
        HttpClient Client(string url)
        {
            var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            return http;
        }

        using var toA = Client(urlA);
        using var toB = Client(urlB);
        for (var w = 1; w <= 2; w++)
        {
            (await toA.PostAsJsonAsync("/api/v1/usage", new { charges = Enumerable.Range(-w * BatchSize, BatchSize).Select(Row).ToArray() })).EnsureSuccessStatusCode();
            (await toB.PostAsJsonAsync("/api/v1/usage", new { charges = Enumerable.Range(-(w + 2) * BatchSize, BatchSize).Select(Row).ToArray() })).EnsureSuccessStatusCode();
        }

        var rawCount = 0;
        await RawCopyLoopAsync(rawDb, () => rawCount, 2 * BatchSize, n => rawCount += n); // warm-up
        var (ones, twos, raws) = (new List<double>(), new List<double>(), new List<double>());
        var cores = new Dictionary<string, List<(double Self, double Postgres)>> { ["one"] = [], ["two"] = [], ["raw"] = [] };
        async Task<double> Metered(string phase, Func<Task<double>> run)
        {
            var cpu = new CpuShare();
            var rate = await run();
            cores[phase].Add(cpu.Cores());
            return rate;
        }

        for (var round = 0; round < Rounds; round++)
        {
            var first = round * 2 * Batches;
            var bodies = Enumerable.Range(first, 2 * Batches)
                .Select(x => JsonContent.Create(new { charges = Enumerable.Range(x * BatchSize, BatchSize).Select(Row).ToArray() })).ToList();
            foreach (var body in bodies)
            {
                await body.LoadIntoBufferAsync();
            }

            ones.Add(await Metered("one", () => SendAsync([toA], bodies[..Batches])));
            twos.Add(await Metered("two", () => SendAsync([toA, toB], bodies[Batches..])));
            raws.Add(await Metered("raw", () => RawCopyLoopAsync(rawDb, () => rawCount, Batches * BatchSize, n => rawCount += n)));
        }

        var (one, two, raw) = (Measure.Median(ones), Measure.Median(twos), Measure.Median(raws));
        string Goals(double rate) => $"{rate / raw:P0} of raw; >= 50% {(rate / raw >= 0.5 ? "met" : "NOT met")}";
        Console.WriteLine($"Metering ingest on PostgreSQL ({server}), batches of {BatchSize:N0}, median of {Rounds} rounds [each round]:");
        Console.WriteLine($"  raw binary COPY of the same rows (a transaction, two entries, a charge)  {raw,7:N0} charges/s [{Measure.Runs(raws)}]");
        Console.WriteLine($"  POST /api/v1/usage, one instance, one sender                           {one,7:N0} charges/s [{Measure.Runs(ones)}]   {Goals(one)}");
        Console.WriteLine($"  POST /api/v1/usage, two instances, a sender each                       {two,7:N0} charges/s [{Measure.Runs(twos)}]   {Goals(two)}; >= 20,000/s {(two >= 20_000 ? "met" : "NOT met")}");
        foreach (var (phase, spans) in cores)
        {
            Console.WriteLine($"  cores used ({phase}): bench process {Measure.Median(spans.Select(c => c.Self).ToList()):0.00}, PostgreSQL {Measure.Median(spans.Select(c => c.Postgres).ToList()):0.00} (of {Environment.ProcessorCount})");
        }

        NpgsqlConnection.ClearAllPools();
    }

    private static async Task<double> SendAsync(HttpClient[] senders, IReadOnlyList<HttpContent> bodies)
    {
        var next = -1;
        var timer = Stopwatch.StartNew();
        await Task.WhenAll(senders.Select(async http =>
        {
            while (Interlocked.Increment(ref next) is var i && i < bodies.Count)
            {
                (await http.PostAsync("/api/v1/usage", bodies[i])).EnsureSuccessStatusCode();
            }
        }));
        return bodies.Count * BatchSize / timer.Elapsed.TotalSeconds;
    }

    /// <summary>The floor: the same rows with binary COPY, keys counted on the client, one transaction per batch; no HTTP, validation, idempotency or rollups.</summary>
    private static async Task<double> RawCopyLoopAsync(string connectionString, Func<int> countSoFar, int charges, Action<int> done)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var timer = Stopwatch.StartNew();
        for (var b = 0; b < charges / BatchSize; b++)
        {
            var first = countSoFar() + b * BatchSize + 1;
            await using var tx = await connection.BeginTransactionAsync();
            var at = DateTime.UtcNow;
            await using (var w = await connection.BeginBinaryImportAsync("COPY \"LedgerTransactions\" (\"Id\", \"IdempotencyKey\", \"Kind\", \"At\", \"Currency\", \"Description\", \"ProjectId\", \"CommitId\", \"Resource\", \"Recurring\") FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = first; i < first + BatchSize; i++)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync((long)i, NpgsqlDbType.Bigint);
                    await w.WriteAsync($"charge:raw-{i}", NpgsqlDbType.Varchar);
                    await w.WriteAsync("Charge", NpgsqlDbType.Varchar);
                    await w.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync("USD", NpgsqlDbType.Varchar);
                    await w.WriteAsync("Compute: 1.5 vCPU-hours for Raw at aaaaaaa", NpgsqlDbType.Varchar);
                    await w.WriteAsync(1, NpgsqlDbType.Integer);
                    await w.WriteAsync(1, NpgsqlDbType.Integer);
                    await w.WriteAsync("compute", NpgsqlDbType.Varchar);
                    await w.WriteAsync(false, NpgsqlDbType.Boolean);
                }

                await w.CompleteAsync();
            }

            await using (var w = await connection.BeginBinaryImportAsync("COPY \"LedgerEntries\" (\"Id\", \"TransactionId\", \"Account\", \"ProjectId\", \"Kind\", \"CountsAs\", \"Amount\", \"Currency\", \"At\", \"BalanceAfter\") FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = first; i < first + BatchSize; i++)
                {
                    foreach (var (id, account, project, amount) in new[] { (2L * i, "project:1", (int?)1, -(5L + i % 7)), (2L * i + 1, "provider:compute", null, 5L + i % 7) })
                    {
                        await w.StartRowAsync();
                        await w.WriteAsync(id, NpgsqlDbType.Bigint);
                        await w.WriteAsync((long)i, NpgsqlDbType.Bigint);
                        await w.WriteAsync(account, NpgsqlDbType.Varchar);
                        if (project is { } p) { await w.WriteAsync(p, NpgsqlDbType.Integer); } else { await w.WriteNullAsync(); }
                        await w.WriteAsync("Charge", NpgsqlDbType.Varchar);
                        await w.WriteAsync("Charge", NpgsqlDbType.Varchar);
                        await w.WriteAsync(amount, NpgsqlDbType.Bigint);
                        await w.WriteAsync("USD", NpgsqlDbType.Varchar);
                        await w.WriteAsync(at, NpgsqlDbType.TimestampTz);
                        await w.WriteAsync(amount * i, NpgsqlDbType.Bigint);
                    }
                }

                await w.CompleteAsync();
            }

            await using (var w = await connection.BeginBinaryImportAsync("COPY \"Charges\" (\"Id\", \"SourceId\", \"ProjectId\", \"CommitId\", \"Resource\", \"Quantity\", \"Unit\", \"Amount\", \"Currency\", \"PeriodStart\", \"PeriodEnd\", \"LedgerTransactionId\") FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = first; i < first + BatchSize; i++)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(i, NpgsqlDbType.Integer);
                    await w.WriteAsync($"raw-{i}", NpgsqlDbType.Varchar);
                    await w.WriteAsync(1, NpgsqlDbType.Integer);
                    await w.WriteAsync(1, NpgsqlDbType.Integer);
                    await w.WriteAsync("compute", NpgsqlDbType.Varchar);
                    await w.WriteAsync(1.5, NpgsqlDbType.Double);
                    await w.WriteAsync("vCPU-hours", NpgsqlDbType.Varchar);
                    await w.WriteAsync(5L + i % 7, NpgsqlDbType.Bigint);
                    await w.WriteAsync("USD", NpgsqlDbType.Varchar);
                    await w.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await w.WriteAsync(at.AddSeconds(1), NpgsqlDbType.TimestampTz);
                    await w.WriteAsync((long)i, NpgsqlDbType.Bigint);
                }

                await w.CompleteAsync();
            }

            await tx.CommitAsync();
        }

        var rate = charges / timer.Elapsed.TotalSeconds;
        done(charges);
        return rate;
    }

    /// <summary>A new, migrated database of that name on the server (dropped first if a run left one).</summary>
    internal static async Task<string> CreateDatabaseAsync(string server, string name)
    {
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ToString()))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin).ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        await using var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connectionString).Options);
        await db.Database.MigrateAsync();
        if (name.EndsWith("raw", StringComparison.Ordinal))
        {
            db.Projects.Add(new Project { Slug = "raw", Name = "Raw", Repository = "raw/app", Currency = "USD" });
            db.Commits.Add(new Commit { Repository = "raw/app", Sha = new string('a', 40) });
            await db.SaveChangesAsync();
        }

        return connectionString;
    }
}
