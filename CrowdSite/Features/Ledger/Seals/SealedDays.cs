using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger.Seals;

/// <summary>
/// Keeps the ledger out of sealed days. Read inside the ledger's write, so no seal can land between the check
/// and the commit: a posting dated in a sealed day (only history imports date their postings) is refused, and a
/// posting dated "now" by a clock behind the one that sealed is booked at the start of the first open day.
/// </summary>
internal static class SealedDays
{
    public static DateTime StartOf(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The first instant the ledger may still book into: the start of the day after the last seal (MinValue when none).</summary>
    public static async Task<DateTime> OpenFromAsync(CrowdSiteDbContext db, CancellationToken ct) =>
        await db.DaySeals.MaxAsync(s => (DateOnly?)s.Day, ct) is { } last ? StartOf(last.AddDays(1)) : DateTime.MinValue;

    /// <summary>When a posting is booked: its own date (refused when sealed), or now (moved past the sealed days).</summary>
    public static DateTime BookedAt(DateTime? dated, DateTime now, DateTime openFrom, string key)
    {
        if (dated is { } at)
        {
            return at >= openFrom
                ? at
                : throw new InvalidPostingException($"Posting '{key}' is dated {at:O}, in a day the ledger has sealed: book it on an open day.");
        }

        return now >= openFrom ? now : openFrom;
    }
}
