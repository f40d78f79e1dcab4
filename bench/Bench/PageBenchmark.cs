// Project page benchmark (issue: public pages). Measures, in one run on one server:
//  1. server time of /p/{slug} for a project with 1 month of history against one with 10 years of hourly charges;
//  2. throughput of /p/{slug} against a static HTML file of the same size served by the same server (anonymous
//     visitors, so the project page comes from the output cache between ledger changes, as in production).
// Prints the ratios. Run: bash bench/project-page.sh
using System.Diagnostics;
using System.Globalization;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

internal static class PageBenchmark
{
    public static async Task RunAsync(string? postgres = null)
    {
        var work = Path.Combine(Path.GetTempPath(), "crowdsite-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var staticDir = Path.Combine(work, "static");
        Directory.CreateDirectory(staticDir);

        var settings = postgres is null ? null : new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:CrowdSite"] = await PostgresIngestBenchmark.CreateDatabaseAsync(postgres, "crowdsite_bench_page"),
        };
        Console.WriteLine($"Engine: {(postgres is null ? "SQLite" : "PostgreSQL")}");
        await using var factory = new BenchFactory(Path.Combine(work, "bench.db"), staticDir, settings);
        var baseUrl = factory.StartOnLoopback();

        Console.WriteLine("Seeding: 'one-month' (30 days of hourly charges) and 'ten-years' (10 years of hourly charges)...");
        var seedTimer = Stopwatch.StartNew();
        await Seed.ProjectAsync(factory.Services, "one-month", days: 30);
        await Seed.ProjectAsync(factory.Services, "ten-years", days: 3_650);
        Console.WriteLine($"  seeded in {seedTimer.Elapsed.TotalSeconds:0.0} s");

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var page = await http.GetStringAsync("/p/ten-years");
        await File.WriteAllTextAsync(Path.Combine(staticDir, "static.html"), page);

        const int Warmup = 200;
        const int Samples = 400;
        // Server time is the render itself: an Authorization header makes the output cache step aside
        // (it never serves or stores requests that carry credentials), so every sample renders the page.
        // The two pages take turns, so drift on a noisy machine (JIT tiers, GC, neighbours) hits both alike.
        using var rendering = new HttpClient { BaseAddress = new Uri(baseUrl) };
        rendering.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bench", "bypass-output-cache");
        var (small, large) = await Measure.AlternatingLatencyAsync(rendering, "/p/one-month", "/p/ten-years", Warmup, Samples);
        var ratio = large.Median / small.Median;
        Console.WriteLine();
        Console.WriteLine($"Server time of the project page, rendered for each request (median of {Samples} each, taking turns, after {Warmup} warm-up requests):");
        Console.WriteLine($"  1 month of history    {small.Median:0.00} ms   (p90 {small.P90:0.00} ms)");
        Console.WriteLine($"  10 years of history   {large.Median:0.00} ms   (p90 {large.P90:0.00} ms)");
        Console.WriteLine($"  ratio 10 years / 1 month = {ratio:0.00}   (goal <= 1.25: {(ratio <= 1.25 ? "met" : "NOT met")})");

        const int Rounds = 3;
        var duration = TimeSpan.FromSeconds(5);
        var pages = new List<double>();
        var statics = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            pages.Add(await Measure.ThroughputAsync(baseUrl, "/p/ten-years", duration, workers: 4));
            statics.Add(await Measure.ThroughputAsync(baseUrl, "/bench/static.html", duration, workers: 4));
        }

        var (dynamicRps, staticRps) = (Measure.Median(pages), Measure.Median(statics));
        var share = dynamicRps / staticRps;
        // The same while the project's money moves: a charge lands every second (each one changes the page,
        // so the next view renders it afresh). Shows what the cache is worth under metering, not a goal.
        using var landing = new CancellationTokenSource();
        var charges = Seed.ChargeEverySecondAsync(factory.Services, "ten-years", landing.Token);
        var busyRps = await Measure.ThroughputAsync(baseUrl, "/p/ten-years", duration, workers: 4);
        landing.Cancel();
        var landed = await charges;
        Console.WriteLine();
        Console.WriteLine($"Throughput, 4 concurrent anonymous clients, median of {Rounds} rounds of {duration.TotalSeconds:0} s ({page.Length / 1024} KiB page; the project page as visitors get it, from the output cache between changes):");
        Console.WriteLine($"  project page           {dynamicRps:0} req/s [{Measure.Runs(pages)}]");
        Console.WriteLine($"  static file, same size {staticRps:0} req/s [{Measure.Runs(statics)}]");
        Console.WriteLine($"  ratio project page / static = {share:P0}   (goal >= 25%: {(share >= 0.25 ? "met" : "NOT met")})");
        Console.WriteLine($"  project page while a charge lands every second ({landed} charges, each re-rendering the page once): {busyRps:0} req/s ({busyRps / staticRps:P0} of static)");

        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The real app on its own SQLite file, plus a static file server for the baseline.</summary>
internal sealed class BenchFactory(string databasePath, string? staticDir = null, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>Starts the app on Kestrel on a free loopback port and gives its base address.</summary>
    public string StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:CrowdSite", $"Data Source={databasePath}");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (staticDir is not null)
        {
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter>(_ => new StaticBaseline(staticDir)));
        }
    }

    private sealed class StaticBaseline(string dir) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(dir), RequestPath = "/bench" });
            next(app);
        };
    }
}

internal static class Seed
{
    public static async Task ProjectAsync(IServiceProvider services, string slug, int days)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>();
        var ledger = services.GetRequiredService<LedgerService>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        int projectId, commitId;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var project = new Project { Slug = slug, Name = slug, Repository = $"bench/{slug}", Currency = "USD", CreatedAt = now.AddDays(-days) };
            var commit = new Commit { Repository = project.Repository, Sha = new string('a', 40), Message = "bench" };
            db.AddRange(project, commit);
            await db.SaveChangesAsync();
            db.Deployments.Add(new Deployment { ProjectId = project.Id, CommitId = commit.Id, StartedAt = project.CreatedAt });
            await db.SaveChangesAsync();
            (projectId, commitId) = (project.Id, commit.Id);
        }

        var start = now.Date.AddDays(-days);
        var hours = days * 24;
        var postings = new List<Posting>(5_000);
        for (var h = 0; h < hours; h++)
        {
            var at = start.AddHours(h);
            var charge = new Charge
            {
                SourceId = $"{slug}:{h}", ProjectId = projectId, CommitId = commitId, Resource = h % 2 == 0 ? "compute" : "memory",
                Quantity = 1, Unit = "hours", Amount = 5 + h % 7, Currency = "USD", PeriodStart = at, PeriodEnd = at.AddHours(1),
            };
            postings.Add(ChargePostings.Build(charge, slug, "aaaaaaa", at));
            if (postings.Count == 5_000 || h == hours - 1)
            {
                await ledger.PostBatchAsync(postings);
                postings.Clear();
            }
        }
    }

    /// <summary>Records a small charge for the project once a second until cancelled, as live metering would.</summary>
    public static async Task<int> ChargeEverySecondAsync(IServiceProvider services, string slug, CancellationToken ct)
    {
        var project = (await services.GetRequiredService<ProjectDirectory>().FindAsync(slug, ct))!;
        await using var db = await services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync(ct);
        var commitId = await db.Commits.Where(c => c.Repository == project.Repository).Select(c => c.Id).FirstAsync(ct);
        var ledger = services.GetRequiredService<LedgerService>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var i = 0;
        try
        {
            for (; await timer.WaitForNextTickAsync(ct); i++)
            {
                var now = DateTime.UtcNow;
                var charge = new Charge
                {
                    SourceId = $"{slug}:live:{i}", ProjectId = project.Id, CommitId = commitId, Resource = "compute",
                    Quantity = 1, Unit = "hours", Amount = 5, Currency = "USD", PeriodStart = now.AddHours(-1), PeriodEnd = now,
                };
                await ledger.PostAsync(ChargePostings.Build(charge, slug, "aaaaaaa", null), CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return i;
    }
}

internal static class Measure
{
    public static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    /// <summary>Every round's figure, for the reader to see the spread.</summary>
    public static string Runs(List<double> xs) => string.Join(" / ", xs.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)));

    public static async Task<((double Median, double P90) First, (double Median, double P90) Second)> AlternatingLatencyAsync(
        HttpClient http, string first, string second, int warmup, int samples)
    {
        for (var i = 0; i < warmup; i++)
        {
            (await http.GetAsync(i % 2 == 0 ? first : second)).EnsureSuccessStatusCode();
        }

        var times = (First: new List<double>(samples), Second: new List<double>(samples));
        for (var i = 0; i < 2 * samples; i++)
        {
            var path = i % 2 == 0 ? first : second;
            var sw = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            (i % 2 == 0 ? times.First : times.Second).Add(sw.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }

        return (Summary(times.First), Summary(times.Second));
    }

    private static (double Median, double P90) Summary(List<double> times)
    {
        times.Sort();
        return (times[times.Count / 2], times[times.Count * 9 / 10]);
    }

    public static async Task<double> ThroughputAsync(string baseUrl, string path, TimeSpan duration, int workers)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        // Warm up under the same load (JIT tiers settle after a few thousand calls), then count.
        await CountAsync(http, path, TimeSpan.FromSeconds(3), workers);
        return await CountAsync(http, path, duration, workers) / duration.TotalSeconds;
    }

    private static async Task<int> CountAsync(HttpClient http, string path, TimeSpan duration, int workers)
    {
        var count = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (stop.Elapsed < duration)
            {
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref count);
            }
        }));
        return count;
    }
}
