using System.Diagnostics;
using CrowdSite.Components.Charts;
using CrowdSite.Features.Live;
using CrowdSite.Features.Projects.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CrowdSite.Features.FreeTier.Live;

/// <summary>
/// The free-tier page's model and its live frame, loaded and rendered once per change of the books (any gift may
/// carry a pot share) however many visitors ask at once (single flight), and at most every
/// <see cref="ProjectLiveFeed.MinInterval"/>: the page and its stream (<see cref="PotLiveEndpoint"/>) share them.
/// </summary>
public sealed class PotLiveFeed(ILiveUpdates live, PotService pot, IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly Lock _gate = new();
    private Built? _latest;
    private Task<Built>? _building;
    private long _builtAt; // Stopwatch timestamp; 0 before the first build

    /// <summary>Moves on with the books (the platform topic) and with page changes (a project joining the free tier).</summary>
    public long Version => live.VersionOf(LiveTopic.Platform) + live.VersionOf(LiveTopic.Pages);

    public async Task<PotPageModel> ModelAsync() => (await LatestAsync()).Model;

    /// <summary>The newest frame: one server-sent event, encoded once for every open page.</summary>
    public async Task<(long Version, ReadOnlyMemory<byte> Event)> FrameAsync()
    {
        var built = await LatestAsync();
        return (built.Version, built.Event);
    }

    private Task<Built> LatestAsync()
    {
        var current = Version;
        lock (_gate)
        {
            if (_latest is { } latest && latest.Version >= current)
            {
                return Task.FromResult(latest);
            }

            // Task.Run: the build must not finish inside this lock before _building is assigned.
            return _building ??= Task.Run(BuildAsync);
        }
    }

    private async Task<Built> BuildAsync()
    {
        try
        {
            var wait = ProjectLiveFeed.MinInterval - Stopwatch.GetElapsedTime(_builtAt);
            if (_builtAt != 0 && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            // Read before the model: a frame never claims a version newer than its figures.
            var version = Version;
            var model = new PotPageModel(await pot.SummaryAsync(), await pot.MonthlyAsync(), await pot.FreeTierProjectsAsync());
            var data = new ProjectLiveData(version, await RenderRegionsAsync(model.Summary), new Dictionary<string, IReadOnlyList<LiveSeries>>
            {
                ["pot-chart"] = model.Monthly.Select(s => new LiveSeries(s.Name, s.Points.Select(TimeChart.ToPoint).ToList(), Whole: true)).ToList(),
            }, Announce: $"The pot updated: {new Ledger.Money(model.Summary.Balance, model.Summary.Currency).Format()} in it.");
            var bytes = ProjectLiveFeed.EncodeEvent(live.Epoch, version, data);
            var built = new Built(version, model, bytes);
            lock (_gate)
            {
                _latest = built;
                _builtAt = Stopwatch.GetTimestamp();
            }

            return built;
        }
        finally
        {
            lock (_gate)
            {
                _building = null;
            }
        }
    }

    /// <summary>The page's live regions (<c>data-live</c>), rendered by the components the page renders.</summary>
    private async Task<IReadOnlyDictionary<string, string>> RenderRegionsAsync(PotSummary summary)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () => new Dictionary<string, string>
        {
            ["pot-figures"] = (await renderer.RenderComponentAsync<PotFigures>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PotFigures.Summary)] = summary }))).ToHtmlString(),
            ["pot-grants"] = (await renderer.RenderComponentAsync<PotGrantsTable>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PotGrantsTable.Summary)] = summary }))).ToHtmlString(),
        });
    }

    private sealed record Built(long Version, PotPageModel Model, ReadOnlyMemory<byte> Event);
}
