namespace CrowdSite.Data;

public enum DatabaseProvider
{
    /// <summary>One file beside the app: the embedded default, one instance.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL server: several instances behind a load balancer.</summary>
    Postgres,
}
