using System.Diagnostics;
using System.Net.Http.Headers;
using CrowdSite.Features.Metering;

/// <summary>The site as its own process (the bench's load never shares its runtime), on a fresh SQLite file with the demo data.</summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly string _work;

    private BenchServer(Process process, HttpClient http, string work) => (Process, Http, _work) = (process, http, work);

    public Process Process { get; }

    /// <summary>A client of the site, its metering key set.</summary>
    public HttpClient Http { get; }

    public static async Task<BenchServer> StartAsync(string appDll, int port, string meteringKey, Dictionary<string, string> settings)
    {
        var work = Path.Combine(Path.GetTempPath(), "crowdsite-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(appDll), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(appDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__CrowdSite"] = $"Data Source={Path.Combine(work, "live.db")}";
        start.Environment["Metering__ApiKeyHashes__0"] = ApiKey.HashOf(meteringKey);
        start.Environment["Metering__RequestsPerMinute"] = "100000";
        start.Environment["RateLimits__LiveConnectionsPerClient"] = "1000000"; // every viewer comes from 127.0.0.1
        start.Environment["RateLimits__DonationStartsPerMinute"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The site's own GC (server GC, which adapts its heaps to the load in .NET 10) unless BENCH_GC=workstation.
        if (Environment.GetEnvironmentVariable("BENCH_GC") == "workstation")
        {
            start.Environment["DOTNET_gcServer"] = "0";
        }
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        AtNormalPriority(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  [server] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", meteringKey);
        var server = new BenchServer(process, http, work);
        await server.WaitHealthyAsync();
        return server;
    }

    private async Task WaitHealthyAsync()
    {
        for (var i = 0; i < 240 && !Process.HasExited; i++)
        {
            try
            {
                if ((await Http.GetAsync("/healthz")).IsSuccessStatusCode && (await Http.GetAsync("/api/v1/projects")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The server did not come up.");
    }

    public async ValueTask DisposeAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Http.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    /// <summary>
    /// A process the bench starts runs at normal priority even when the bench itself yields the CPU (the live
    /// bench's viewers run niced, and children inherit that). Raising a priority needs root; without it, says so.
    /// </summary>
    public static void AtNormalPriority(Process process)
    {
        try
        {
            process.PriorityClass = ProcessPriorityClass.Normal;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Console.Error.WriteLine($"  (could not run process {process.Id} at normal priority: {e.Message}; run the bench as root for the figures the README gives)");
        }
    }
}
