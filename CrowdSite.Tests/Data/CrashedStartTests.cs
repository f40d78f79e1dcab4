using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CrowdSite.Tests.Data;

/// <summary>
/// The real thing, not a simulated state: the site runs as its own process, is killed (SIGKILL) while it holds
/// EF Core's migration lock on a new database, and must then start and serve on that database.
/// </summary>
public sealed class CrashedStartTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crowdsite-tests", "crashed-start-" + Guid.NewGuid().ToString("N"));

    public CrashedStartTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still open: the temp folder is cleaned eventually
        }
    }

    [Fact]
    public async Task KilledWhileHoldingTheMigrationLock_TheNextStartComesUp()
    {
        var ct = TestContext.Current.CancellationToken;
        string? database = null;
        for (var attempt = 0; attempt < 8 && database is null; attempt++)
        {
            var candidate = Path.Combine(_directory, $"attempt{attempt}.db");
            using var site = Start(candidate, FreePort(), new StringBuilder());
            if (await KillWhileLockedAsync(site, candidate, ct))
            {
                database = candidate;
            }
        }

        Assert.True(database is not null, "Never caught the migration lock held in 8 starts.");
        Assert.Equal(1L, Scalar(database, "SELECT count(*) FROM \"__EFMigrationsLock\"")); // the crash left the lock

        var port = FreePort();
        var log = new StringBuilder();
        using var restarted = Start(database, port, log);
        try
        {
            Assert.True(await HealthyWithinAsync(port, TimeSpan.FromSeconds(90), ct), "The restart did not come up:\n" + log);
            Assert.Contains("Cleared a migration lock", log.ToString());
            Assert.Equal(0L, Scalar(database, "SELECT count(*) FROM \"__EFMigrationsLock\""));
        }
        finally
        {
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync(ct);
        }
    }

    /// <summary>Polls the new database until the lock row appears, then SIGKILLs the site. False if it migrated first.</summary>
    private static async Task<bool> KillWhileLockedAsync(Process site, string database, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !site.HasExited)
        {
            if (File.Exists(database) && TryScalar(database, "SELECT count(*) FROM \"__EFMigrationsLock\"") is > 0)
            {
                site.Kill(entireProcessTree: true);
                await site.WaitForExitAsync(ct);
                return TryScalar(database, "SELECT count(*) FROM \"__EFMigrationsLock\"") is > 0
                    && TryScalar(database, "SELECT count(*) FROM sqlite_master WHERE name = 'SignInSessions'") is 0; // mid-migration
            }

            if (TryScalar(database, "SELECT count(*) FROM sqlite_master WHERE name = 'SignInSessions'") is > 0)
            {
                break; // migrated before we saw the lock: try again
            }

            await Task.Delay(1, ct);
        }

        if (!site.HasExited)
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync(ct);
        }

        return false;
    }

    private static Process Start(string database, int port, StringBuilder log)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "CrowdSite.dll");
        var info = new ProcessStartInfo("dotnet", [app])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ConnectionStrings__CrowdSite"] = $"Data Source={database}";
        info.Environment["Demo__Seed"] = "false";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> HealthyWithinAsync(int port, TimeSpan limit, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz", ct)).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // a start waiting on the lock would end here, again and again
            }

            await Task.Delay(200, ct);
        }

        return false;
    }

    private static long? TryScalar(string database, string sql)
    {
        try
        {
            return Scalar(database, sql);
        }
        catch (SqliteException)
        {
            return null; // no such table yet, or busy for a moment
        }
    }

    private static long Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
