using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Alerts;

/// <summary>
/// Sends what is due in the outbox: each message once (marked sent as soon as the server took it), failures
/// retried with growing waits (1, 2, 4 … minutes, at most an hour) and given up after <see cref="MaxAttempts"/>.
/// </summary>
public sealed class OutboxDelivery(
    IDbContextFactory<CrowdSiteDbContext> dbFactory, AlertMail mail, IMailSender sender, DatabaseLocks locks, TimeProvider time, ILogger<OutboxDelivery> logger)
{
    public const int MaxAttempts = 8;
    public const string LockName = "alert-outbox";

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>Sends every message due now, after waiting for the lock; returns how many went.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        // One sender at a time, here and on every instance: a message is marked sent before the next sender looks.
        await using var turn = await locks.AcquireAsync(LockName, ct);
        return await SendDueHoldingLockAsync(ct);
    }

    /// <summary>For the job, which holds <see cref="LockName"/> already.</summary>
    internal async Task<int> SendDueHoldingLockAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null && m.AbandonedAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var queued in due)
        {
            if (await TrySendAsync(db, queued, now, ct))
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>Composes, claims and sends one message; true when the server took it (and it is marked sent).</summary>
    private async Task<bool> TrySendAsync(CrowdSiteDbContext db, OutboxMessage queued, DateTime now, CancellationToken ct)
    {
        var row = db.OutboxMessages.Where(m => m.Id == queued.Id);
        if (await mail.ComposeAsync(db, queued, ct) is not { } message)
        {
            await row.Where(m => m.SentAt == null).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.AbandonedAt, now).SetProperty(m => m.LastError, "The follower left or never confirmed."), ct);
            return false;
        }

        // Claim it first: of two senders that read it (the lock should prevent that; this makes sure), only the one
        // whose update matches the attempt it read sends. A sender that dies after claiming leaves it for ClaimFor.
        var attempts = queued.Attempts + 1;
        if (await row.Where(m => m.SentAt == null && m.AbandonedAt == null && m.Attempts == queued.Attempts)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, now + ClaimFor), ct) != 1)
        {
            return false;
        }

        try
        {
            await sender.SendAsync(message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailedAsync(row, queued, attempts, ex, now);
            return false;
        }

        // CancellationToken.None: a message the server took is marked sent even while the app stops.
        await row.ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        return true;
    }

    /// <summary>How long a claimed message waits before another sender may take it (its sender died mid-way).</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    private async Task FailedAsync(IQueryable<OutboxMessage> row, OutboxMessage queued, int attempts, Exception ex, DateTime now)
    {
        var error = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
        if (attempts >= MaxAttempts)
        {
            await row.ExecuteUpdateAsync(s => s.SetProperty(m => m.AbandonedAt, now).SetProperty(m => m.LastError, error), CancellationToken.None);
            logger.LogError(ex, "Gave up sending outbox message {Id} ({Kind}) after {Attempts} attempts", queued.Id, queued.Kind, attempts);
            return;
        }

        var next = now + Backoff(attempts);
        await row.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LastError, error), CancellationToken.None);
        logger.LogWarning("Sending outbox message {Id} ({Kind}) failed ({Error}); next try at {Next:O}", queued.Id, queued.Kind, error, next);
    }
}
