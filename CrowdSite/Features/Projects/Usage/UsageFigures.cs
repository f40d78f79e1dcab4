using CrowdSite.Components.Charts;

namespace CrowdSite.Features.Projects.Usage;

/// <summary>
/// A project's usage as the page and the API show it: <see cref="ActiveUsers"/> the latest 30-day active users reported in the last
/// 30 days (null without), <see cref="CostPerActiveUser"/> the monthly cost ÷ them in hundredths of a minor unit, half up;
/// <see cref="Trend"/> the same every 30 days over the year (hundredths of a minor unit); <see cref="BreakEvens"/> the calculator at the presets.
/// </summary>
public sealed record UsageFigures(
    long? ActiveUsers, DateOnly? UsersAsOf, long? CostPerActiveUser, IReadOnlyList<ChartSeries> Trend, IReadOnlyList<BreakEven> BreakEvens)
{
    /// <summary>Cost per active user in minor units with two decimals (the API's figure).</summary>
    public double? CostPerActiveUserMinor => CostPerActiveUser / 100.0;
}
