using System.Diagnostics;

namespace CrowdSite.Features.Live;

/// <summary>
/// The requests that may write (every method but GET, HEAD and OPTIONS) running now. Live work that no writer
/// waits for (building a frame, sending it to thousands of pages) steps aside while one runs, so an ingest, a
/// webhook or a payment never shares the two cores with a fan-out: the fan-out resumes a few milliseconds later.
/// </summary>
public sealed class WritesInFlight
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Scope Enter()
    {
        Interlocked.Increment(ref _count);
        return new Scope(this);
    }

    /// <summary>
    /// Waits until no write is in flight, for at most <paramref name="max"/> (a steady stream of writers must not
    /// starve the viewers); returns at once when none is. Gives the time waited.
    /// </summary>
    public async ValueTask<TimeSpan> StepAsideAsync(TimeSpan max, CancellationToken ct)
    {
        if (Count == 0 || max <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var start = Stopwatch.GetTimestamp();
        while (Count > 0 && Stopwatch.GetElapsedTime(start) < max)
        {
            await Task.Delay(Poll, ct);
        }

        return Stopwatch.GetElapsedTime(start);
    }

    public readonly struct Scope(WritesInFlight owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._count);
    }
}
