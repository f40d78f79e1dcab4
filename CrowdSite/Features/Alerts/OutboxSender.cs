using System.Diagnostics.CodeAnalysis;
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
            var row = db.OutboxMessages.Where(m => m.Id == queued.Id);
            if (await mail.ComposeAsync(db, queued, ct) is not { } message)
            {
                await row.Where(m => m.SentAt == null).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.AbandonedAt, now).SetProperty(m => m.LastError, "The follower left or never confirmed."), ct);
                continue;
            }

            // Claim it first: of two senders that read it (the lock should prevent that; this makes sure), only the one
            // whose update matches the attempt it read sends. A sender that dies after claiming leaves it for ClaimFor.
            var attempts = queued.Attempts + 1;
            if (await row.Where(m => m.SentAt == null && m.AbandonedAt == null && m.Attempts == queued.Attempts)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, now + ClaimFor), ct) != 1)
            {
                continue;
            }

            try
            {
                await sender.SendAsync(message, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await FailedAsync(row, queued, attempts, ex, now);
                continue;
            }

            // CancellationToken.None: a message the server took is marked sent even while the app stops.
            await row.ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
            sent++;
        }

        return sent;
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

/// <summary>Wakes the sender when something was queued, so a confirmation arrives in seconds, not at the next round.</summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle is used; this one lives as long as the app.")]
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Pulse()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // already pulsed
        }
    }

    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny(_pending.WaitAsync(done.Token), Task.Delay(timeout, time, done.Token));
        await done.CancelAsync(); // the loser stops waiting, so no stale waiter swallows the next pulse
    }
}

/// <summary>
/// The background jobs: every minute the runway watcher looks at every project, and the outbox is sent when
/// pulsed or every 15 s. One instance at a time runs each (database locks); both stay idempotent anyway.
/// </summary>
public sealed class AlertJobs(RunwayWatcher watcher, FollowService follows, OutboxDelivery delivery, OutboxSignal signal, DatabaseLocks locks,
    TimeProvider time, ILogger<AlertJobs> logger) : BackgroundService
{
    private static readonly TimeSpan SendEvery = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WatchEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextWatch = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (time.GetUtcNow() >= nextWatch)
            {
                nextWatch = time.GetUtcNow() + WatchEvery;
                await RunAsync(RunwayWatcher.LockName, async ct =>
                {
                    if ((await watcher.CheckHoldingLockAsync(ct)).Count > 0)
                    {
                        signal.Pulse();
                    }

                    await follows.ForgetUnconfirmedAsync(ct);
                }, stoppingToken);
            }

            await RunAsync(OutboxDelivery.LockName, async ct => await delivery.SendDueHoldingLockAsync(ct), stoppingToken);
            await signal.WaitAsync(SendEvery, time, stoppingToken);
        }
    }

    private async Task RunAsync(string lockName, Func<CancellationToken, Task> job, CancellationToken ct)
    {
        try
        {
            await using var turn = await locks.TryAcquireAsync(lockName, ct);
            if (turn is not null)
            {
                await job(ct); // another instance is on it otherwise: skip this round
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The {Job} job failed; trying again later", lockName);
        }
    }
}
