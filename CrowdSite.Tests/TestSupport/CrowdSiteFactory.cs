using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CrowdSite.Tests.TestSupport;

/// <summary>The whole app on its own database (a SQLite file, or a PostgreSQL database: see TestEngine), with a fixed clock; demo data on or off.</summary>
public class CrowdSiteFactory(bool seedDemo = true, IReadOnlyDictionary<string, string>? settings = null, string environment = "Development")
    : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crowdsite-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(TestDatabase.Now);

    private string? _postgres;

    /// <summary>This factory's PostgreSQL database, once started on PostgreSQL: a second instance passes it as ConnectionStrings:CrowdSite.</summary>
    public string? PostgresConnectionString => _postgres;

    public string DatabasePath => Path.Combine(_directory, "site.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment(environment);
        if (TestEngine.IsPostgres && settings?.ContainsKey("ConnectionStrings:CrowdSite") == true)
        {
            builder.UseSetting("Database:Provider", "Postgres"); // another instance's database (it owns and drops it)
        }
        else if (TestEngine.IsPostgres)
        {
            _postgres ??= TestEngine.CreatePostgresDatabase();
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:CrowdSite", _postgres);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:CrowdSite", $"Data Source={DatabasePath}");
        }

        builder.UseSetting("Demo:Seed", seedDemo ? "true" : "false");
        builder.UseSetting("Email:Folder", Path.Combine(_directory, "mail")); // offline mail stays out of the source tree
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_postgres is not null)
        {
            TestEngine.DropPostgresDatabase(_postgres);
            _postgres = null;
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }
}

/// <summary>One seeded site shared by a test class (seeding a year of demo data takes a few seconds).</summary>
public sealed class SeededSite : IAsyncLifetime
{
    public CrowdSiteFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        _ = Factory.Server; // starts the app: migrations and the demo seed
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
