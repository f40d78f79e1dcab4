using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrowdSite.Data;

/// <summary>
/// The model on SQLite. Each engine's context is a type of its own only so that each has its own migrations
/// (Migrations/Sqlite belong to this one, Migrations/Postgres to <see cref="PostgresDbContext"/>); code
/// everywhere else uses <see cref="CrowdSiteDbContext"/>.
/// </summary>
public sealed class SqliteDbContext(DbContextOptions options) : CrowdSiteDbContext(options);

/// <summary>The same model on PostgreSQL (see <see cref="SqliteDbContext"/>).</summary>
public sealed class PostgresDbContext(DbContextOptions options) : CrowdSiteDbContext(options);

/// <summary>For `dotnet ef migrations add X --context SqliteDbContext --output-dir Migrations/Sqlite` (connects to nothing).</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

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

    public CrowdSiteDbContext CreateDbContext() => _postgres ? new PostgresDbContext(options) : new SqliteDbContext(options);
}
