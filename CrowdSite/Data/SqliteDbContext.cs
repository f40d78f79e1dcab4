using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Data;

/// <summary>
/// The model on SQLite. Each engine's context is a type of its own only so that each has its own migrations
/// (Migrations/Sqlite belong to this one, Migrations/Postgres to <see cref="PostgresDbContext"/>); code
/// everywhere else uses <see cref="CrowdSiteDbContext"/>.
/// </summary>
public sealed class SqliteDbContext(DbContextOptions options) : CrowdSiteDbContext(options);
