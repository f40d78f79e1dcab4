using Bunit;
using CrowdSite.Components.Charts;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Components.Charts;

public sealed class TimeChartTests : ComponentTestContext
{
    private static readonly IReadOnlyList<ChartSeries> Series =
    [
        new("Compute", [new(new DateOnly(2026, 11, 1), 1_200), new(new DateOnly(2026, 11, 2), 1_300)]),
        new("Memory", [new(new DateOnly(2026, 11, 1), 400), new(new DateOnly(2026, 11, 2), null)]),
    ];

    [Fact]
    public void FirstRender_SendsTheSeriesToTheChartsModule()
    {
        var module = JSInterop.SetupModule(TimeChart.ModulePath);
        module.SetupVoid("render", _ => true);

        Render<TimeChart>(p => p.Add(c => c.Series, Series).Add(c => c.Currency, "EUR").Add(c => c.Type, "bar").Add(c => c.Stacked, true));

        var call = module.VerifyInvoke("render");
        var config = Assert.IsType<ChartConfig>(call.Arguments[1]);
        Assert.Equal("bar", config.Type);
        Assert.True(config.Stacked);
        Assert.Equal("EUR", config.Currency);
        Assert.Equal(2, config.MinorDigits);
        var json = System.Text.Json.JsonSerializer.Serialize(config.Series);
        Assert.Equal(
            """[{"name":"Compute","data":[[1793491200000,1200],[1793577600000,1300]]},{"name":"Memory","data":[[1793491200000,400],[1793577600000,null]]}]""",
            json);
    }

    [Fact]
    public void NewSeries_UpdatesTheChartInsteadOfRecreatingIt()
    {
        var module = JSInterop.SetupModule(TimeChart.ModulePath);
        module.SetupVoid("render", _ => true);
        module.SetupVoid("update", _ => true);
        var cut = Render<TimeChart>(p => p.Add(c => c.Series, Series).Add(c => c.Currency, "USD"));

        cut.Render(p => p.Add(c => c.Series, [new ChartSeries("Compute", [new(new DateOnly(2026, 11, 3), 99)])]));

        Assert.Single(module.Invocations["render"]);
        var update = Assert.Single(module.Invocations["update"]);
        Assert.Contains("99", System.Text.Json.JsonSerializer.Serialize(((ChartConfig)update.Arguments[1]!).Series));
    }

    [Fact]
    public void DarkMode_IsPassedToTheChart()
    {
        var module = JSInterop.SetupModule(TimeChart.ModulePath);
        module.SetupVoid("render", _ => true);

        Render<TimeChart>(p => p.Add(t => t.Series, Series).Add(t => t.Currency, "USD").AddCascadingValue("DarkMode", true));

        Assert.True(((ChartConfig)module.VerifyInvoke("render").Arguments[1]!).DarkMode);
    }

    [Fact]
    public void StaticPage_CarriesItsConfigForThePageScript_AndCallsNoJs()
    {
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var cut = Render<TimeChart>(p => p.Add(c => c.Series, Series).Add(c => c.Currency, "EUR").Add(c => c.Type, "bar"));

        var config = System.Text.Json.JsonDocument.Parse(cut.Find(".time-chart").GetAttribute("data-chart")!).RootElement;
        Assert.Equal("EUR", config.GetProperty("currency").GetString());
        Assert.Equal("bar", config.GetProperty("type").GetString());
        Assert.Empty(JSInterop.Invocations);
    }
}
