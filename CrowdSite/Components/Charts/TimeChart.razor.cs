using CrowdSite.Features.Ledger;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CrowdSite.Components.Charts;

/// <summary>
/// An ApexCharts time chart through our own small JS module (wwwroot/js/charts.js). On an interactive page
/// it renders after the first interactive render and pushes new series whenever its parameters change; on a
/// static page it carries its config in <c>data-chart</c> and the page's script draws it and applies live points.
/// </summary>
public sealed partial class TimeChart
{
    public const string ModulePath = "./js/charts.js";

    private ElementReference _element;
    private IJSObjectReference? _module;
    private string? _renderedJson;

    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>area, bar or line.</summary>
    [Parameter] public string Type { get; set; } = "area";
    [Parameter, EditorRequired] public IReadOnlyList<ChartSeries> Series { get; set; } = [];
    [Parameter, EditorRequired] public string Currency { get; set; } = "USD";
    [Parameter] public bool Stacked { get; set; }
    [Parameter] public int Height { get; set; } = 280;
    [Parameter] public IReadOnlyList<string> Colors { get; set; } = ChartConfig.DefaultColors;
    [Parameter] public IReadOnlyList<int>? DashArray { get; set; }
    [Parameter] public string AriaLabel { get; set; } = "Chart";
    [Parameter] public string? TestId { get; set; }

    /// <summary>The last point is a period still running (this week, this month): the chart marks it "so far".</summary>
    [Parameter] public bool LastIsSoFar { get; set; }

    /// <summary>Digits beyond the currency's minor unit that the amounts carry (2: hundredths of a cent), for figures under a cent.</summary>
    [Parameter] public int ExtraDigits { get; set; }

    /// <summary>Null: the visitor has not chosen, and the chart follows the system's setting.</summary>
    [CascadingParameter(Name = "DarkMode")] public bool? DarkMode { get; set; }

    public ChartConfig BuildConfig() => new(
        Type, Height, Stacked, Currency, Money.MinorDigits(Currency) + ExtraDigits, DarkMode, Colors,
        Series.Select(s => (object)new
        {
            name = s.Name,
            data = s.Points.Select(ToPoint).ToArray(),
        }).ToList(),
        DashArray, LastIsSoFar);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (IsStaticPage)
        {
            return; // the page's script draws it
        }

        var config = BuildConfig();
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            await _module.InvokeVoidAsync("render", _element, config);
            _renderedJson = Serialize(config);
        }
        else if (_module is not null && Serialize(config) is var json && json != _renderedJson)
        {
            await _module.InvokeVoidAsync("update", _element, config);
            _renderedJson = json;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("destroy", _element);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the chart with it.
        }
    }

    /// <summary>A point as the JS module takes it: [epoch ms at UTC midnight, minor units or null].</summary>
    public static object?[] ToPoint(ChartPoint point) => [ToEpochMs(point.Day), point.Amount];

    /// <summary>On a static page the chart carries its config in <c>data-chart</c> and the page's script draws it.</summary>
    private bool IsStaticPage => Shared.StaticRendering.IsStaticPage(RendererInfo, AssignedRenderMode);

    private static long ToEpochMs(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static string Serialize(ChartConfig config) => System.Text.Json.JsonSerializer.Serialize(config, Json);
}
