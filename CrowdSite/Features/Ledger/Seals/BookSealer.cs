namespace CrowdSite.Features.Ledger.Seals;

/// <summary>
/// Seals each day once it has closed, without anyone pressing a button, and checks that the last week's sealed
/// days still match their seals. One instance at a time (a database lock); were two ever to overlap, a day is
/// still sealed once (its key), and the chain is built from the seal that is there.
/// </summary>
public sealed class BookSealer(BookSeals seals, Data.DatabaseLocks locks, TimeProvider time, ILogger<BookSealer> logger) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await locks.RunIfFreeAsync("book-seals", SealAsync, logger, stoppingToken);
            await Task.Delay(CheckEvery, time, stoppingToken);
        }
    }

    private async Task SealAsync(CancellationToken ct)
    {
        await seals.ChangedSealedDaysAsync(days: 7, ct); // logs any day that changed
        if (await seals.SealClosedDaysAsync(ct) is > 0 and var count)
        {
            logger.LogInformation("Sealed {Count} closed day(s) of the ledger", count);
        }
    }
}
