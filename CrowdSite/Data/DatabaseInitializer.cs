using CrowdSite.Data.Demo;
using CrowdSite.Features.Platform;
using Microsoft.EntityFrameworkCore;
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

            await db.Database.MigrateAsync(ct);
            logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
        }

        if (demo.Value.Seed)
        {
            await seeder.SeedOnceAsync(ct);
        }
    }
}

public static class DatabaseInitializerExtensions
{
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
}
