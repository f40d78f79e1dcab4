namespace CrowdSite.Features.Live;

public static class LiveCircuitListening
{
    /// <summary>
    /// Subscribes a circuit's page to a topic: <paramref name="refresh"/> runs (on the page's dispatcher, via
    /// the caller's InvokeAsync) once per coalesced change, and only while the browser is connected.
    /// </summary>
    public static LiveSubscription ListenWhileConnected(this ILiveUpdates live, LiveTopic topic, LiveCircuit circuit, Func<Task> refresh) =>
        live.Subscribe(topic).Listen(async _ =>
        {
            await circuit.WhenConnectedAsync();
            await refresh();
        }, circuit.Logger);
}
