namespace CrowdSite.Features.Ledger;

/// <summary>
/// Tells whoever shows a project's money that its ledger changed. In-process today; a backplane
/// (e.g. PostgreSQL LISTEN/NOTIFY) can implement it when several servers share one database.
/// Callers have already saved the change: an implementation never throws a listener's failure back at them.
/// </summary>
public interface ILedgerNotifier
{
    Task LedgerChangedAsync(int projectId);
}

/// <summary>Raises <see cref="Changed"/> for subscribers in this process (open pages, for one).</summary>
public sealed class InProcessLedgerNotifier(ILogger<InProcessLedgerNotifier>? logger = null) : ILedgerNotifier
{
    public event Func<int, Task>? Changed;

    public async Task LedgerChangedAsync(int projectId)
    {
        var handlers = Changed?.GetInvocationList().Cast<Func<int, Task>>() ?? [];
        foreach (var handler in handlers)
        {
            try
            {
                await handler(projectId);
            }
            catch (Exception ex)
            {
                // The change is saved; one listener's failure must neither undo that nor silence the others.
                logger?.LogWarning(ex, "A listener to project {ProjectId}'s changes failed", projectId);
            }
        }
    }
}
