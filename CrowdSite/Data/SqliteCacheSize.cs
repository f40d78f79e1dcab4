using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CrowdSite.Data;

/// <summary>
/// Gives each SQLite connection a page cache big enough for a metering batch's index pages (SQLite's
/// default is 2 MB, so a 10,000-charge write spills pages mid-transaction). The cache fills only as pages are read.
/// </summary>
internal sealed class SqliteCacheSize : DbConnectionInterceptor
{
    public const string Pragma = "PRAGMA cache_size = -32768;"; // KiB: 32 MB

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }
}
