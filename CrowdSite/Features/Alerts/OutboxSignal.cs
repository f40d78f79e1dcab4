using System.Diagnostics.CodeAnalysis;

namespace CrowdSite.Features.Alerts;

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
