using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CrowdSite.Data;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Metering ingest benchmark: charges a second through POST /api/v1/usage (batches of 10,000 over loopback)
/// against a raw prepared-statement SQLite insert loop of the same rows, in the same run.
/// </summary>
internal static class IngestBenchmark
{
    private const string Key = "cs_bench_key";
    private const int Batches = 5;
    private const int BatchSize = 10_000;

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
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1");
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
        (await http.PostAsJsonAsync("/api/v1/usage", new { charges = Enumerable.Range(-1_000, 1_000).Select(Row).ToArray() })).EnsureSuccessStatusCode();

        var bodies = Enumerable.Range(0, Batches).Select(b => JsonContent.Create(new { charges = Enumerable.Range(b * BatchSize, BatchSize).Select(Row).ToArray() })).ToList();
        foreach (var body in bodies)
        {
            await body.LoadIntoBufferAsync();
        }

        var apiTimer = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            (await http.PostAsync("/api/v1/usage", body)).EnsureSuccessStatusCode();
        }

        var apiRate = Batches * BatchSize / apiTimer.Elapsed.TotalSeconds;
        var rawRate = RawInsertLoop(Path.Combine(work, "raw.db"), Batches * BatchSize);
        var share = apiRate / rawRate;

        Console.WriteLine($"Metering ingest, {Batches} batches of {BatchSize:N0} charges:");
        Console.WriteLine($"  through POST /api/v1/usage (validation, ledger, rollups)  {apiRate:N0} charges/s   (goal >= 20,000: {(apiRate >= 20_000 ? "met" : "NOT met")})");
        Console.WriteLine($"  raw prepared-statement SQLite insert loop                 {rawRate:N0} rows/s");
        Console.WriteLine($"  ratio API / raw = {share:P0}   (goal >= 50%: {(share >= 0.5 ? "met" : "NOT met")})");
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The floor: the same rows into one table with one prepared statement in one transaction.</summary>
    private static double RawInsertLoop(string path, int rows)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE charges (source_id TEXT PRIMARY KEY, project_id INTEGER, commit_sha TEXT, resource TEXT, quantity REAL, unit TEXT, amount INTEGER, currency TEXT, period_start TEXT, period_end TEXT);";
            create.ExecuteNonQuery();
        }

        var timer = Stopwatch.StartNew();
        for (var b = 0; b < Batches; b++)
        {
            using var tx = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO charges VALUES ($id, 1, $sha, 'compute', 1.5, 'vCPU-hours', $amount, 'USD', $start, $end)";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var sha = insert.Parameters.Add("$sha", SqliteType.Text);
            var amount = insert.Parameters.Add("$amount", SqliteType.Integer);
            var start = insert.Parameters.Add("$start", SqliteType.Text);
            var end = insert.Parameters.Add("$end", SqliteType.Text);
            insert.Prepare();
            for (var i = b * (rows / Batches); i < (b + 1) * (rows / Batches); i++)
            {
                id.Value = $"raw-{i}";
                sha.Value = new string('a', 40);
                amount.Value = 5 + i % 7;
                start.Value = DateTime.UtcNow.ToString("O");
                end.Value = DateTime.UtcNow.ToString("O");
                insert.ExecuteNonQuery();
            }

            tx.Commit();
        }

        return rows / timer.Elapsed.TotalSeconds;
    }
}
