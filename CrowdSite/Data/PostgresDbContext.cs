using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Data;

/// <summary>The same model on PostgreSQL (see <see cref="SqliteDbContext"/>).</summary>
public sealed class PostgresDbContext(DbContextOptions options) : CrowdSiteDbContext(options);
