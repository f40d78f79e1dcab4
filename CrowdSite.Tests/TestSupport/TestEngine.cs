using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrowdSite.Tests.TestSupport;

/// <summary>
/// Which engine the suite runs on: SQLite files by default; PostgreSQL when CROWDSITE_TEST_DATABASE=postgres, on the
/// server CROWDSITE_TEST_POSTGRES names (default: deploy/postgres.sh's, 127.0.0.1:55432). Each test gets a database of
/// its own, copied from a template migrated once per run, and dropped afterwards.
/// </summary>
public static class TestEngine
{
    private const string Template = "crowdsite_test_template";
    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static readonly Lazy<Task> TemplateReady = new(CreateTemplateAsync);

    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CROWDSITE_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string Name => IsPostgres ? "PostgreSQL" : "SQLite";

    private static string Server =>
        Environment.GetEnvironmentVariable("CROWDSITE_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    /// <summary>Skips a test that checks something only SQLite has (its file, its triggers' syntax, its locks), saying why.</summary>
    public static void SqliteOnly(string why) => Assert.SkipWhen(IsPostgres, $"SQLite only: {why}");

    /// <summary>Creates an empty, migrated PostgreSQL database and gives its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        await TemplateReady.Value;
        var name = "crowdsite_test_" + Guid.NewGuid().ToString("N");
        await Creating.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"");
        }
        finally
        {
            Creating.Release();
        }

        return new NpgsqlConnectionStringBuilder(Server) { Database = name, MaxPoolSize = 20 }.ToString();
    }

    public static string CreatePostgresDatabase() => CreatePostgresDatabaseAsync().GetAwaiter().GetResult();

    public static void DropPostgresDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
    }

    public static DbContextOptions<CrowdSiteDbContext> PostgresOptions(string connectionString) =>
        new DbContextOptionsBuilder<CrowdSiteDbContext>().UseNpgsql(connectionString).Options;

    private static async Task CreateTemplateAsync()
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Template}\" WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE \"{Template}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(Server) { Database = Template, Pooling = false }.ToString();
        await using (var db = new PostgresDbContext(PostgresOptions(connectionString)))
        {
            await db.Database.MigrateAsync();
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
