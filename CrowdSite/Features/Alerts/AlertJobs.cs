using CrowdSite.Data;

namespace CrowdSite.Features.Alerts;

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
                await locks.RunIfFreeAsync(RunwayWatcher.LockName, async ct =>
                {
                    if ((await watcher.CheckHoldingLockAsync(ct)).Count > 0)
                    {
                        signal.Pulse();
                    }

                    await follows.ForgetUnconfirmedAsync(ct);
                }, logger, stoppingToken);
            }

            await locks.RunIfFreeAsync(OutboxDelivery.LockName, async ct => await delivery.SendDueHoldingLockAsync(ct), logger, stoppingToken);
            await signal.WaitAsync(SendEvery, time, stoppingToken);
        }
    }
}
