using CrowdSite.Data.Demo;
using CrowdSite.Features.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace CrowdSite.Data;

/// <summary>Applies migrations at start and seeds the demo once into an empty database.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    IOptions<DemoOptions> demo,
    DemoSeeder seeder,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (db.Database.IsSqlite())
            {
                // WAL lets pages read while the ledger writes.
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }

            // Nothing pending: no migration, so no migration lock (a start never waits on a crashed one's lock).
            // (On a new database every migration is pending; asking EF would log a failed query of the missing history table.)
            var pending = await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().ExistsAsync(ct)
                ? (await db.Database.GetPendingMigrationsAsync(ct)).ToList()
                : db.Database.GetMigrations().ToList();
            if (pending.Count > 0)
            {
                if (db.Database.IsSqlite())
                {
                    await ClearStaleSqliteMigrationLockAsync(db, ct);
                }

                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(ct);
            }

            logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
        }

        if (demo.Value.Seed)
        {
            await seeder.SeedOnceAsync(ct);
        }
    }

    /// <summary>
    /// EF Core's SQLite migration lock is a row in <c>__EFMigrationsLock</c>: a process killed while migrating leaves
    /// it, and every later start waits for it forever (dotnet/efcore#38958). A SQLite database is one instance's, so
    /// a lock taken before this process started belongs to a process that is gone: it is cleared, with a warning.
    /// </summary>
    private async Task ClearStaleSqliteMigrationLockAsync(CrowdSiteDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var find = connection.CreateCommand();
        find.CommandText = "SELECT \"Timestamp\" FROM \"__EFMigrationsLock\"";
        string? taken;
        try
        {
            taken = (await find.ExecuteScalarAsync(ct)) as string;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return; // no lock table yet: nothing was ever locked
        }

        if (taken is null)
        {
            return;
        }

        var started = new DateTimeOffset(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);
        var parsed = DateTimeOffset.TryParse(taken, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at);
        if (parsed && at >= started)
        {
            return; // taken since this process started: a migration of ours, or EF waits for it as it should
        }

        await using var clear = connection.CreateCommand();
        clear.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
        await clear.ExecuteNonQueryAsync(ct);
        logger.LogWarning("Cleared a migration lock taken at {Taken}, before this process started ({Started}): a start that crashed left it", taken, started);
    }
}
