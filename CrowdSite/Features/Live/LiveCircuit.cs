using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CrowdSite.Features.Live;

/// <summary>
/// Whether this circuit's browser is connected. A page kept for reconnection stops refreshing while its
/// browser is away (its subscription keeps only the newest change) and catches up once when it is back.
/// </summary>
public sealed class LiveCircuit(ILogger<LiveCircuit> logger) : CircuitHandler
{
    private TaskCompletionSource _connected = Connected();

    /// <summary>Where this circuit's live listeners report a failed refresh.</summary>
    internal ILogger Logger => logger;

    /// <summary>Completes at once while connected; otherwise when the browser reconnects or the circuit closes.</summary>
    public Task WhenConnectedAsync() => _connected.Task;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected.TrySetResult();
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_connected.Task.IsCompleted)
        {
            _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected.TrySetResult(); // let waiting listeners run to their end; the page's disposal closes them
        return Task.CompletedTask;
    }

    private static TaskCompletionSource Connected()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
