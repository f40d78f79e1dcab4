using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using static System.FormattableString;

namespace CrowdSite.Infrastructure.Http;

/// <summary>Parses query values by hand so a bad value gets a clear 400 rather than a binding failure.</summary>
public static class QueryValues
{
    /// <summary>The dates a query may name: the books start after 2000, and past this no date arithmetic overflows.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(9000, 12, 31);

    private static bool InRange(DateOnly date) => date >= Earliest && date <= Latest;

    /// <summary>What a person is told when a date cannot be read or is out of range.</summary>
    public static string DateProblem(string? value) =>
        Invariant($"'{value}' is not an ISO 8601 date or instant between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");

    /// <summary>
    /// An ISO 8601 date or date-time, as UTC. A bare date as an upper bound means the end of that day.
    /// Null input gives null; unparseable input gives false.
    /// </summary>
    public static bool TryParseInstant(string? value, bool upperBound, out DateTime? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            instant = InRange(date) ? date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(upperBound ? 1 : 0) : null;
            return instant is not null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            && InRange(DateOnly.FromDateTime(parsed.UtcDateTime)))
        {
            instant = parsed.UtcDateTime;
            return true;
        }

        return false;
    }

    public static bool TryParseDate(string? value, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (TryParseInstant(value, upperBound: false, out var instant) && instant is { } at)
        {
            date = DateOnly.FromDateTime(at);
            return true;
        }

        return false;
    }
}
