namespace CrowdSite.Data;

/// <summary>Section "Database": which engine holds the books (the connection string is ConnectionStrings:CrowdSite).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public static DatabaseProvider ProviderIn(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
}
