using CrowdSite.Features.Ledger;

namespace CrowdSite.Features.FreeTier;

/// <summary>
/// At each month's close the pot pays the month just ended, without anyone pressing a button (operators can
/// still run or preview a month by hand). One instance at a time runs it (a database lock); were two ever to
/// overlap, a month is still allocated once (its grants' idempotency keys).
/// </summary>
public sealed class MonthCloseAllocator(PotAllocation allocation, Data.DatabaseLocks locks, TimeProvider time, ILogger<MonthCloseAllocator> logger) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await locks.RunIfFreeAsync("month-close", AllocateLastMonthAsync, logger, stoppingToken);
            await Task.Delay(CheckEvery, time, stoppingToken);
        }
    }

    private async Task AllocateLastMonthAsync(CancellationToken ct)
    {
        var lastMonth = PotAllocation.FirstOfMonth(time.UtcToday()).AddMonths(-1);
        var plan = await allocation.PreviewAsync(lastMonth, ct);
        if (!plan.AlreadyAllocated && plan.TotalGranted > 0)
        {
            await allocation.AllocateAsync(lastMonth, ct);
            logger.LogInformation("Allocated {Month:yyyy-MM}: {Granted} to {Count} free-tier projects", lastMonth, plan.TotalGranted, plan.Lines.Count(l => l.Grant > 0));
        }
    }
}
