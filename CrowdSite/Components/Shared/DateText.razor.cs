using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace CrowdSite.Components.Shared;

/// <summary>
/// Dates as people read them, written in one place: English month names, the Gregorian calendar and UTC, whatever
/// the server's culture or time zone (a Thai or German server must not print another year or month name). Markup
/// uses the component, which wraps the text in a <c>time</c> element with its ISO 8601 form; code that needs a
/// string (a label, a chart's table) calls <see cref="Format(DateOnly, DateStyle)"/>.
/// </summary>
public sealed partial class DateText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>An instant (UTC), e.g. when a gift was made; or set <see cref="Date"/>.</summary>
    [Parameter] public DateTime? Instant { get; set; }

    /// <summary>A calendar date, e.g. a month being allocated.</summary>
    [Parameter] public DateOnly? Date { get; set; }

    [Parameter] public DateStyle Style { get; set; } = DateStyle.Day;

    private string Text => Instant is { } at ? Format(at, Style) : Date is { } date ? Format(date, Style) : "";

    private string Machine => Instant is { } at && Style == DateStyle.Minute
        ? at.ToString("yyyy-MM-ddTHH:mmZ", Invariant)
        : Instant is { } day ? Iso(DateOnly.FromDateTime(day), Style) : Date is { } date ? Iso(date, Style) : "";

    public static string Format(DateOnly date, DateStyle style = DateStyle.Day) => style switch
    {
        DateStyle.Month => date.ToString("MMMM yyyy", Invariant),
        _ => date.ToString("MMM d, yyyy", Invariant),
    };

    public static string Format(DateTime at, DateStyle style = DateStyle.Day) => style == DateStyle.Minute
        ? at.ToString("MMM d, yyyy HH:mm 'UTC'", Invariant)
        : Format(DateOnly.FromDateTime(at), style);

    private static string Iso(DateOnly date, DateStyle style) =>
        date.ToString(style == DateStyle.Month ? "yyyy-MM" : "yyyy-MM-dd", Invariant);
}
