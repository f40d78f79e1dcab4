using System.Diagnostics;
using CrowdSite.Data;
using CrowdSite.Features.Ledger.Seals;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Ledger.Seals;

/// <summary>verify/verify_books.py, the checker a visitor runs, against the demo's year of books over real HTTP.</summary>
public sealed class VerifyBooksScriptTests : IAsyncLifetime
{
    private readonly CrowdSiteFactory _factory = new();
    private string _url = "";

    public async ValueTask InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        _url = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
        // Waits for the sealer started with the site, then seals whatever it left (nothing, usually).
        await using (await _factory.Services.GetRequiredService<DatabaseLocks>().AcquireAsync("book-seals"))
        {
            await _factory.Services.GetRequiredService<BookSeals>().SealClosedDaysAsync();
        }
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task TheDemoBooks_PassEveryCheck()
    {
        var (exit, output) = await RunAsync(_url);

        Assert.True(exit == 0, output);
        Assert.Contains("365 sealed days", output);
        Assert.Contains("OK: the books are intact.", output);
    }

    [Fact]
    public async Task OneStoredEntryChanged_Fails()
    {
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync())
        {
            var entry = await db.LedgerEntries.Where(e => e.Account == "compute-provider").OrderBy(e => e.Id).Skip(100).Select(e => e.Id).FirstAsync();
            await Tamper.AsSomeoneWithTheDatabaseAsync(db, $"""UPDATE "LedgerEntries" SET "Amount" = "Amount" - 1 WHERE "Id" = {entry}""");
        }

        var (exit, output) = await RunAsync(_url);

        Assert.True(exit == 1, output);
        Assert.Contains("MISMATCH", output);
        Assert.Contains("FAILED", output);
    }

    [Fact]
    public async Task ASiteThatCannotBeRead_ExitsWithTwo()
    {
        var (exit, output) = await RunAsync("http://127.0.0.1:9");

        Assert.True(exit == 2, output);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string url)
    {
        var script = Path.Combine(RepositoryRoot(), "verify", "verify_books.py");
        var start = new ProcessStartInfo("python3", [script, url]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "verify", "verify_books.py")))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException("verify/verify_books.py was not found above the test's folder.");
    }
}
