using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Data;

/// <summary>Creates the context for the configured engine: a <see cref="PostgresDbContext"/> on PostgreSQL.</summary>
internal sealed class CrowdSiteDbContextFactory(DbContextOptions<CrowdSiteDbContext> options, IConfiguration configuration) : IDbContextFactory<CrowdSiteDbContext>
{
    private readonly bool _postgres = DatabaseOptions.ProviderIn(configuration) == DatabaseProvider.Postgres;

    public CrowdSiteDbContext CreateDbContext() => _postgres ? new PostgresDbContext(options) : new SqliteDbContext(options);
}
