using Microsoft.AspNetCore.DataProtection;
using CrowdSite.Features.Platform;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Data;

public static class DataServiceExtensions
{
    public const string ConnectionStringName = "CrowdSite";

    /// <summary>The database (ConnectionStrings:CrowdSite; default a SQLite file under App_Data), its health check and the platform's options.</summary>
    public static WebApplicationBuilder AddCrowdSiteData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlatformOptions>().BindConfiguration(PlatformOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PublicSite>();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        // Resolved when first needed, so hosts and tests can set ConnectionStrings:CrowdSite and Database:Provider late.
        builder.Services.AddDbContextFactory<CrowdSiteDbContext, CrowdSiteDbContextFactory>((sp, options) =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var provider = DatabaseOptions.ProviderIn(configuration);
            var configured = configuration.GetConnectionString(ConnectionStringName);
            if (provider == DatabaseProvider.Postgres)
            {
                options.UseNpgsql(configured ?? throw new InvalidOperationException(
                    "Database:Provider is Postgres: set ConnectionStrings:CrowdSite to the server, e.g. Host=127.0.0.1;Port=5432;Username=crowdsite;Database=crowdsite."));
                return;
            }

            options.UseSqlite(SqliteConnectionString(configured ?? "Data Source=App_Data/crowdsite.db", sp.GetRequiredService<IHostEnvironment>().ContentRootPath))
                .AddInterceptors(new SqliteCacheSize());
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<CrowdSiteDbContext>("database");
        builder.Services.AddTransient<DatabaseInitializer>();
        builder.Services.AddSingleton<DatabaseLocks>();
        // Keys in the database: a sign-in cookie or form token made by one instance is read by any other.
        builder.Services.AddDataProtection().SetApplicationName("CrowdSite").PersistKeysToDbContext<CrowdSiteDbContext>();
        return builder;
    }

    /// <summary>Resolves a relative file against the content root and creates its folder, so the first start just works.</summary>
    private static string SqliteConnectionString(string configured, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(configured);
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(file, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }

        // Wait for a writer rather than fail: ledger writes serialize on SQLite.
        csb.DefaultTimeout = Math.Max(csb.DefaultTimeout, 30);
        return csb.ToString();
    }
}
