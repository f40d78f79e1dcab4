using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrowdSite.Data;

/// <summary>
/// Named locks that hold across instances. On PostgreSQL each is a session advisory lock on a connection of its
/// own, so the server releases it if the holder dies; on SQLite (one instance by design) a lock in this process.
/// Background jobs take them with <see cref="TryAcquireAsync"/> so that one instance at a time runs each job;
/// the jobs stay idempotent anyway, in case two ever overlap.
/// </summary>
public sealed class DatabaseLocks(IDbContextFactory<CrowdSiteDbContext> dbFactory)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new(StringComparer.Ordinal);

    /// <summary>Waits for the lock.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct = default) =>
        (await TakeAsync(name, wait: true, ct))!;

    /// <summary>The lock if it is free now, else null (another instance holds it).</summary>
    public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken ct = default) => TakeAsync(name, wait: false, ct);

    /// <summary>
    /// One round of a background job, if no other instance is running it (otherwise the round is skipped). A failure
    /// is logged, not thrown: the job tries again next round.
    /// </summary>
    public async Task RunIfFreeAsync(string name, Func<CancellationToken, Task> job, ILogger logger, CancellationToken ct)
    {
        try
        {
            await using var turn = await TryAcquireAsync(name, ct);
            if (turn is not null)
            {
                await job(ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The {Job} job failed; trying again later", name);
        }
    }

    private async Task<IAsyncDisposable?> TakeAsync(string name, bool wait, CancellationToken ct)
    {
        string? postgres;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            postgres = db.Database.IsNpgsql() ? db.Database.GetConnectionString() : null;
        }

        return postgres is null ? await TakeLocalAsync(name, wait, ct) : await TakeAdvisoryAsync(postgres, name, wait, ct);
    }

    private async Task<IAsyncDisposable?> TakeLocalAsync(string name, bool wait, CancellationToken ct)
    {
        var gate = _local.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        if (wait)
        {
            await gate.WaitAsync(ct);
        }
        else if (!await gate.WaitAsync(0, ct))
        {
            return null;
        }

        return new Held(() => { gate.Release(); return ValueTask.CompletedTask; });
    }

    private static async Task<IAsyncDisposable?> TakeAdvisoryAsync(string postgres, string name, bool wait, CancellationToken ct)
    {
        // Unpooled: closing the connection must end the session, and with it the lock (a pooled one would stay open).
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(ct);
            // pg_advisory_lock returns void, which reads as null: the waiting form answers true itself once it holds the lock.
            await using var take = new NpgsqlCommand(wait ? "SELECT true FROM pg_advisory_lock(@key)" : "SELECT pg_try_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", KeyOf(name));
            var taken = (bool)(await take.ExecuteScalarAsync(ct))!;
            if (!taken)
            {
                await connection.DisposeAsync();
                return null;
            }

            return new Held(() => ReleaseAdvisoryAsync(connection, name));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Unlocks, then closes. Closing alone would release the lock only when the server's backend has ended, a moment
    /// after the close returns, so the next holder could be refused. If the unlock fails, closing still releases it.
    /// </summary>
    private static async ValueTask ReleaseAdvisoryAsync(NpgsqlConnection connection, string name)
    {
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", KeyOf(name));
            await unlock.ExecuteScalarAsync();
        }
        catch (NpgsqlException)
        {
            // The session is broken; the server releases its locks as it ends it.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>The advisory lock's 64-bit key for a name: the first 8 bytes of its SHA-256.</summary>
    public static long KeyOf(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("crowdsite:" + name)), 0);

    private sealed class Held(Func<ValueTask> release) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? release() : ValueTask.CompletedTask;
    }
}
