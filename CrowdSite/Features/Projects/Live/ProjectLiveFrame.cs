namespace CrowdSite.Features.Projects.Live;

/// <summary>
/// One change of a project page as every viewer receives it: the server-sent event, framed and encoded once
/// (id = the project's live version), so sending it to thousands of viewers is a copy of the same bytes.
/// <see cref="Full"/> carries every region; <see cref="Delta"/> only those that changed since the frame of
/// <see cref="PreviousVersion"/>, for viewers who received that one (most of them).
/// </summary>
public sealed record ProjectLiveFrame(long Version, long PreviousVersion, ReadOnlyMemory<byte> Full, ReadOnlyMemory<byte> Delta)
{
    public ReadOnlyMemory<byte> EventFor(long lastSent) => lastSent == PreviousVersion ? Delta : Full;
}

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

/// <summary>A table's rows by key (<c>data-row-key</c>), in order; <see cref="Html"/> holds the rows the viewer does not have.</summary>
public sealed record LiveRows(IReadOnlyList<string> Keys, IReadOnlyDictionary<string, string> Html);

/// <summary>
/// Points of one chart series as [epoch ms, minor units]. <see cref="Whole"/>: the series replaces what the
/// chart has (the projection); otherwise the points replace or extend the chart's points at the same dates.
/// </summary>
public sealed record LiveSeries(string Name, IReadOnlyList<object?[]> Data, bool Whole);
