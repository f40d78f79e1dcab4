using System.Globalization;

namespace CrowdSite.Features.Metering;

/// <summary>Reads charges from CSV with the API's columns: id,project,commitSha,resource,quantity,unit,amount,currency,periodStart,periodEnd.</summary>
public static class UsageCsv
{
    public static readonly string[] Columns = ["id", "project", "commitSha", "resource", "quantity", "unit", "amount", "currency", "periodStart", "periodEnd"];

    /// <summary>The charges, or the lines that could not be read (1-based, counting the header).</summary>
    public static (IReadOnlyList<UsageCharge> Charges, IReadOnlyDictionary<string, string[]> Errors) Parse(string text)
    {
        var rows = Rows(text).ToList();
        var errors = new Dictionary<string, string[]>();
        if (rows.Count == 0 || !rows[0].Select(h => h.Trim()).SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
        {
            errors["line 1"] = [$"The first line must be the header: {string.Join(',', Columns)}"];
            return ([], errors);
        }

        var charges = new List<UsageCharge>();
        for (var i = 1; i < rows.Count; i++)
        {
            var r = rows[i];
            if (r.Count == 1 && string.IsNullOrWhiteSpace(r[0]))
            {
                continue;
            }

            if (r.Count != Columns.Length)
            {
                errors[$"line {i + 1}"] = [$"Expected {Columns.Length} columns, found {r.Count}."];
                continue;
            }

            charges.Add(new UsageCharge(r[0], r[1], r[2], r[3], Number(r[4]), r[5], Whole(r[6]), r[7], Instant(r[8]), Instant(r[9])));
        }

        return (charges, errors);
    }

    private static double? Number(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static long? Whole(string s) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static DateTimeOffset? Instant(string s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) ? v : null;

    /// <summary>RFC 4180: commas, quoted fields, doubled quotes, line breaks inside quotes.</summary>
    private static IEnumerable<List<string>> Rows(string text)
    {
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { i++; }
                row.Add(field.ToString());
                field.Clear();
                yield return row;
                row = [];
            }
            else { field.Append(c); }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
