using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrowdSite.Data;

/// <summary>
/// A database transaction that holds the ledger's write lock from its first statement. On SQLite that is
/// BEGIN IMMEDIATE: a writer that starts by reading (the ledger looks up keys and balances first) would
/// otherwise hold only a read snapshot, and could find another writer's commit in its way when it writes.
/// On PostgreSQL it is a transaction-scoped advisory lock, which every instance's ledger writers take: the
/// same one-writer-at-a-time books across machines, released by commit, rollback or a dropped connection.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly DbTransaction? _owned;
    private readonly IDbContextTransaction _transaction;

    /// <summary>The advisory lock's key: any fixed number no other lock uses ("ledger" in ASCII).</summary>
    public const long LedgerLockKey = 0x6C6564676572;

    private WriteTransaction(DbTransaction? owned, IDbContextTransaction transaction) => (_owned, _transaction) = (owned, transaction);

    public static async Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection connection)
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LedgerLockKey})", ct);
            }

            return new WriteTransaction(null, transaction);
        }

        await db.Database.OpenConnectionAsync(ct);
        var immediate = connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE; waits for the lock up to the busy timeout
        return new WriteTransaction(immediate, await db.Database.UseTransactionAsync(immediate, ct) ?? throw new InvalidOperationException("EF refused the transaction."));
    }

    public Task CommitAsync(CancellationToken ct) => _transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        if (_owned is not null)
        {
            await _owned.DisposeAsync(); // rolls back unless committed
        }
    }
}
