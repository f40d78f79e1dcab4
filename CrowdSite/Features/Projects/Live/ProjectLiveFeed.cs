using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CrowdSite.Components.Charts;
using CrowdSite.Components.Shared;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CrowdSite.Features.Projects.Live;

/// <summary>
/// Builds the live frame of a project page: once per change however many viewers wait for it (single
/// flight), and at most every <see cref="MinInterval"/> (a burst of charges reaches viewers as a few
/// frames, the latest winning). Regions are rendered by the same components the page renders.
/// </summary>
public sealed partial class ProjectLiveFeed(
    ILiveUpdates live,
    ProjectPageService pages,
    WritesInFlight writes,
    IServiceScopeFactory scopes,
    ILoggerFactory loggers)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(400);

    /// <summary>The most a frame's build waits for writers in all (before its model loads and before it renders).</summary>
    private static readonly TimeSpan StepAsideBudget = TimeSpan.FromMilliseconds(150);

    private const string Charges = "charges";

    /// <summary>How many days of each chart a whole frame carries: the buckets a new charge or gift can move.</summary>
    private const int TailDays = 40;

    // Relaxed escaping: the data goes to an event stream, never into HTML, and \u003C for every '<' would double the regions' size.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Chart points ([epoch ms, minor units]) by value: what tells a point moved between two frames.</summary>
    private static readonly IEqualityComparer<object?[]> PointComparer = EqualityComparer<object?[]>.Create(
        (a, b) => a is not null && b is not null && a.SequenceEqual(b), p => HashCode.Combine(p[0], p[1]));

    private readonly ConcurrentDictionary<int, Slot> _slots = new();
    private long _framesBuilt;

    /// <summary>Frames built since the site started, for every project (tests see a change with no viewers build none).</summary>
    internal long FramesBuilt => Interlocked.Read(ref _framesBuilt);

    /// <summary>The newest frame for the project: the cached one if no change came since, else a new one.</summary>
    public Task<ProjectLiveFrame?> FrameAsync(Project project)
    {
        var slot = _slots.GetOrAdd(project.Id, _ => new Slot());
        var current = live.VersionOf(LiveTopic.Project(project.Id));
        lock (slot)
        {
            if (slot.Latest is { } latest && latest.Frame.Version >= current)
            {
                return Task.FromResult<ProjectLiveFrame?>(latest.Frame);
            }

            // Task.Run: the build must not finish inside this lock before Building is assigned.
            return slot.Building ??= Task.Run(() => BuildAsync(slot, project.Id, project.Slug));
        }
    }

    private async Task<ProjectLiveFrame?> BuildAsync(Slot slot, int projectId, string slug)
    {
        try
        {
            // A floor between frames, on the monotonic clock (an interval, not an instant of the books).
            var wait = MinInterval - Stopwatch.GetElapsedTime(slot.BuiltAt);
            if (slot.BuiltAt != 0 && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            // The wait above may end while a write runs (writes come far more often than frames): let it finish
            // first, and the next one that starts while the model loads. Rendering is the lesser half of a build.
            var budget = StepAsideBudget - await writes.StepAsideAsync(StepAsideBudget, CancellationToken.None);

            // Read before the model: a frame never claims a version newer than its figures.
            var version = live.VersionOf(LiveTopic.Project(projectId));
            if (await pages.LoadAsync(slug) is not { } model)
            {
                return null;
            }

            await writes.StepAsideAsync(budget, CancellationToken.None);
            var built = await BuildAsync(model, version, slot.Latest);
            Interlocked.Increment(ref _framesBuilt);
            lock (slot)
            {
                slot.Latest = built;
                slot.BuiltAt = Stopwatch.GetTimestamp();
            }

            return built.Frame;
        }
        finally
        {
            lock (slot)
            {
                slot.Building = null;
            }
        }
    }

    /// <summary>The whole frame of the model, and its delta against the previous one: the regions that changed, the new charge rows and the chart points that moved.</summary>
    private async Task<Built> BuildAsync(ProjectPageModel model, long version, Built? previous)
    {
        var regions = await RenderRegionsAsync(model);
        var charts = Charts(model);
        var comparable = regions.ToDictionary(r => r.Key, r => WithoutElementIds(r.Value));
        var changed = regions.Where(r => previous?.Comparable.GetValueOrDefault(r.Key) != comparable[r.Key]).ToDictionary();
        var chargeKeys = model.RecentCharges.Select(ChargeRowView.KeyOf).ToList();
        var rows = await ChargeRowsAsync(model, chargeKeys, previous, changed);
        var frame = new ProjectLiveFrame(
            version, previous?.Frame.Version ?? -1,
            Encode(version, new ProjectLiveData(version, regions, charts, Announce: Announcement(model))),
            Encode(version, new ProjectLiveData(version, changed, MovedPoints(charts, previous?.Charts), rows, Announcement(model))));
        return new Built(frame, comparable, chargeKeys, charts);
    }

    /// <summary>
    /// A new charge changes one row of twenty: a viewer who had the previous frame gets the rows' keys and the new
    /// rows alone, not the whole table again (most of a frame's bytes). From or to an empty table the region goes whole.
    /// </summary>
    private async Task<Dictionary<string, LiveRows>?> ChargeRowsAsync(
        ProjectPageModel model, List<string> keys, Built? previous, Dictionary<string, string> changed)
    {
        if (!changed.ContainsKey(Charges) || previous is not { ChargeKeys.Count: > 0 } || keys.Count == 0)
        {
            return null;
        }

        changed.Remove(Charges);
        var known = previous.ChargeKeys.ToHashSet(StringComparer.Ordinal);
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var added = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (charge, key) in model.RecentCharges.Zip(keys).Where(c => !known.Contains(c.Second)))
            {
                added[key] = await RenderAsync<ChargeRowView>(renderer, new() { [nameof(ChargeRowView.Charge)] = charge });
            }

            return added;
        });
        return new() { [Charges] = new LiveRows(keys, html) };
    }

    /// <summary>What a screen reader hears when the figures change: one sentence, not every text that moved.</summary>
    internal static string Announcement(ProjectPageModel model) =>
        $"{model.Project.Name} updated: balance {new Ledger.Money(model.Figures.Balance, model.Figures.Currency).Format()}; {HealthText.Runway(model.Figures)}.";

    /// <summary>The page's live regions (<c>data-live</c> on the page), rendered as the page renders them.</summary>
    private async Task<IReadOnlyDictionary<string, string>> RenderRegionsAsync(ProjectPageModel model)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var currency = model.Project.Currency;
        return await renderer.Dispatcher.InvokeAsync(async () => new Dictionary<string, string>
        {
            ["summary"] = await RenderAsync<FundingSummary>(renderer, new()
            {
                [nameof(FundingSummary.Figures)] = model.Figures, [nameof(FundingSummary.Totals)] = model.Totals,
            }),
            ["donate-runway"] = await RenderAsync<DonateRunway>(renderer, new() { [nameof(DonateRunway.Figures)] = model.Figures }),
            ["backer-count"] = await RenderAsync<BackerCountText>(renderer, new() { [nameof(BackerCountText.Count)] = model.BackerCount }),
            ["usage"] = await RenderAsync<Usage.UsageSummary>(renderer, new()
            {
                [nameof(Usage.UsageSummary.Usage)] = model.Usage, [nameof(Usage.UsageSummary.Figures)] = model.Figures,
            }),
            ["deploys"] = await RenderAsync<Deploys.DeploysList>(renderer, new()
            {
                [nameof(Deploys.DeploysList.Deploys)] = model.Deploys, [nameof(Deploys.DeploysList.Slug)] = model.Project.Slug,
            }),
            [Charges] = await RenderAsync<RecentCharges>(renderer, new() { [nameof(RecentCharges.Charges)] = model.RecentCharges }),
            ["backers"] = await RenderAsync<BackersList>(renderer, new()
            {
                [nameof(BackersList.Backers)] = model.Backers, [nameof(BackersList.Count)] = model.BackerCount,
                [nameof(BackersList.Currency)] = currency,
            }),
        });
    }

    /// <summary>Renders a region; whitespace between tags goes (these regions hold no preformatted text): fewer bytes to every viewer.</summary>
    private static async Task<string> RenderAsync<T>(HtmlRenderer renderer, Dictionary<string, object?> parameters) where T : IComponent =>
        BetweenTags().Replace((await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters))).ToHtmlString(), "> <");

    private static Dictionary<string, IReadOnlyList<LiveSeries>> Charts(ProjectPageModel model)
    {
        var balance = model.BalanceWithProjection[0].Points;
        var since = balance.Count > 0 ? balance[^1].Day.AddDays(-TailDays) : DateOnly.MinValue;
        return new()
        {
            ["cost-chart"] = model.CostByResource.Select(s => Tail(s, since)).ToList(),
            ["donations-chart"] = model.DonationsAgainstCost.Select(s => Tail(s, since)).ToList(),
            ["balance-chart"] = [Tail(model.BalanceWithProjection[0], since), Whole(model.BalanceWithProjection[1])],
        };
    }

    /// <summary>
    /// The chart points a viewer holding the previous frame lacks: a charge moves a day or a bucket of each chart, not
    /// the forty days a whole frame carries. A whole series (the projection) goes only if it changed, and a chart
    /// nothing moved in goes not at all, so its viewers' pages do not redraw it.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<LiveSeries>> MovedPoints(
        Dictionary<string, IReadOnlyList<LiveSeries>> charts, Dictionary<string, IReadOnlyList<LiveSeries>>? previous)
    {
        if (previous is null)
        {
            return charts;
        }

        var moved = new Dictionary<string, IReadOnlyList<LiveSeries>>();
        foreach (var (chart, series) in charts)
        {
            var before = previous.GetValueOrDefault(chart) ?? [];
            var changed = series.Select(s => MovedPoints(s, before.FirstOrDefault(b => b.Name == s.Name))).OfType<LiveSeries>().ToList();
            if (changed.Count > 0)
            {
                moved[chart] = changed;
            }
        }

        return moved;
    }

    private static LiveSeries? MovedPoints(LiveSeries series, LiveSeries? before)
    {
        if (before is null || before.Whole != series.Whole)
        {
            return series;
        }

        if (series.Whole)
        {
            return series.Data.SequenceEqual(before.Data, PointComparer) ? null : series;
        }

        var had = before.Data.ToHashSet(PointComparer);
        var points = series.Data.Where(p => !had.Contains(p)).ToList();
        return points.Count == 0 ? null : series with { Data = points };
    }

    private static LiveSeries Tail(ChartSeries series, DateOnly since) =>
        new(series.Name, series.Points.Where(p => p.Day >= since).Select(TimeChart.ToPoint).ToList(), Whole: false);

    private static LiveSeries Whole(ChartSeries series) => new(series.Name, series.Points.Select(TimeChart.ToPoint).ToList(), Whole: true);

    private byte[] Encode(long version, ProjectLiveData data) => EncodeEvent(live.Epoch, version, data);

    /// <summary>One live page's event, as every live stream (the project's, the free tier's) sends it.</summary>
    internal static byte[] EncodeEvent(string epoch, long version, ProjectLiveData data) =>
        // JSON escapes line breaks inside strings, so the data is one line: one `data:` field.
        Encoding.UTF8.GetBytes($"id: {EventId(epoch, version)}\nevent: change\ndata: {JsonSerializer.Serialize(data, Json)}\n\n");

    /// <summary>An event's id: the version, qualified by the epoch of the counters it belongs to.</summary>
    public static string EventId(string epoch, long version) => $"{epoch}.{version}";

    /// <summary>The version a Last-Event-ID (or ?since=) names, if it is one of this epoch's.</summary>
    public static bool TryParseEventId(string? id, string epoch, out long version)
    {
        version = -1;
        return id is not null && id.Length > epoch.Length + 1 && id.StartsWith(epoch, StringComparison.Ordinal) && id[epoch.Length] == '.'
            && long.TryParse(id.AsSpan(epoch.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version);
    }

    /// <summary>Markup without its per-render element ids (MudBlazor mints new ones each render): what tells a region changed.</summary>
    private static string WithoutElementIds(string html) => ElementIds().Replace(html, "");

    [System.Text.RegularExpressions.GeneratedRegex("""\sid="[^"]*"|popover-[0-9a-f-]{36}""")]
    private static partial System.Text.RegularExpressions.Regex ElementIds();

    [System.Text.RegularExpressions.GeneratedRegex(""">\s+<""")]
    private static partial System.Text.RegularExpressions.Regex BetweenTags();

    /// <summary>The newest frame, its regions as <see cref="WithoutElementIds"/> gives them, its charges' row keys and its chart points, for the next frame's delta.</summary>
    private sealed record Built(
        ProjectLiveFrame Frame, IReadOnlyDictionary<string, string> Comparable, IReadOnlyList<string> ChargeKeys,
        Dictionary<string, IReadOnlyList<LiveSeries>> Charts);

    private sealed class Slot
    {
        public Built? Latest;
        public Task<ProjectLiveFrame?>? Building;
        public long BuiltAt; // Stopwatch timestamp; 0 before the first frame
    }
}
