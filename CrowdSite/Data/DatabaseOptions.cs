namespace CrowdSite.Data;

public enum DatabaseProvider
{
    /// <summary>One file beside the app: the embedded default, one instance.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL server: several instances behind a load balancer.</summary>
    Postgres,
}

/// <summary>Section "Database": which engine holds the books (the connection string is ConnectionStrings:CrowdSite).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public static DatabaseProvider ProviderIn(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
}
