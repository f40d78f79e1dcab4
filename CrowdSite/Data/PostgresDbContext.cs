using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrowdSite.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that each engine has its own migrations
/// (Migrations/Sqlite belong to <see cref="CrowdSiteDbContext"/>, Migrations/Postgres to this one);
/// code everywhere else uses <see cref="CrowdSiteDbContext"/>.
/// </summary>
public sealed class PostgresDbContext(DbContextOptions options) : CrowdSiteDbContext(options);

/// <summary>For `dotnet ef migrations add X --context PostgresDbContext --output-dir Migrations/Postgres` (connects to nothing).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=localhost;Database=crowdsite").Options);
}

/// <summary>Creates the context for the configured engine: a <see cref="PostgresDbContext"/> on PostgreSQL.</summary>
internal sealed class CrowdSiteDbContextFactory(DbContextOptions<CrowdSiteDbContext> options, IConfiguration configuration) : IDbContextFactory<CrowdSiteDbContext>
{
    private readonly bool _postgres = DatabaseOptions.ProviderIn(configuration) == DatabaseProvider.Postgres;

    public CrowdSiteDbContext CreateDbContext() => _postgres ? new PostgresDbContext(options) : new CrowdSiteDbContext(options);
}
