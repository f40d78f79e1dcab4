using CrowdSite.Features.Live;

namespace CrowdSite.Tests.Features.Live;

public sealed class WritesInFlightTests
{
    private readonly WritesInFlight _writes = new();

    [Fact]
    public async Task StepAside_WithNoWriter_ReturnsAtOnce()
    {
        var waited = await _writes.StepAsideAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.Zero, waited);
    }

    [Fact]
    public async Task StepAside_WhileAWriterRuns_WaitsUntilItEnds()
    {
        var writer = _writes.Enter();
        var stepping = _writes.StepAsideAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(stepping.IsCompleted);

        writer.Dispose();
        var waited = await stepping.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.InRange(waited, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));
        Assert.Equal(0, _writes.Count);
    }

    [Fact]
    public async Task StepAside_BehindAWriterThatNeverEnds_GivesUpAfterItsBudget()
    {
        using var endless = _writes.Enter();

        var waited = await _writes.StepAsideAsync(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken)
            .AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.InRange(waited, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
    }
}
