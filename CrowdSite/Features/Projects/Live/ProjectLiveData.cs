namespace CrowdSite.Features.Projects.Live;

/// <summary>
/// The event's data: re-rendered page regions by name, each chart's newest points, for a table region whose rows
/// are known to the viewer (a delta) its rows in order with the HTML of the new ones only, and one short sentence
/// that the page reads out to screen readers (a polite live region) instead of every text that changed.
/// </summary>
public sealed record ProjectLiveData(
    long Version,
    IReadOnlyDictionary<string, string> Regions,
    IReadOnlyDictionary<string, IReadOnlyList<LiveSeries>> Charts,
    IReadOnlyDictionary<string, LiveRows>? Rows = null,
    string? Announce = null);
