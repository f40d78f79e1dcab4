namespace CrowdSite.Features.Ledger;

/// <summary>
/// Tells whoever shows a project's money that its ledger changed. In-process today; a backplane
/// (e.g. PostgreSQL LISTEN/NOTIFY) can implement it when several servers share one database.
/// </summary>
public interface ILedgerNotifier
{
    Task LedgerChangedAsync(int projectId);
}

/// <summary>Raises <see cref="Changed"/> for subscribers in this process (open pages, for one).</summary>
public sealed class InProcessLedgerNotifier : ILedgerNotifier
{
    public event Func<int, Task>? Changed;

    public async Task LedgerChangedAsync(int projectId)
    {
        var handlers = Changed?.GetInvocationList().Cast<Func<int, Task>>() ?? [];
        foreach (var handler in handlers)
        {
            await handler(projectId);
        }
    }
}
