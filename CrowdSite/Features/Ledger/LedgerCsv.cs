using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrowdSite.Features.Ledger;

/// <summary>Writes ledger items as RFC 4180 CSV, streaming.</summary>
public static class LedgerCsv
{
    public const string Header = "id,transactionId,at,kind,amount,currency,description,commitSha,commitUrl,balanceAfter";

    public static async Task WriteAsync(HttpResponse response, string slug, IAsyncEnumerable<LedgerItem> items, CancellationToken ct)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{slug}-ledger.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(Header);
        await foreach (var item in items.WithCancellation(ct))
        {
            await writer.WriteLineAsync(Row(item));
        }
    }

    /// <summary>One line, the same on every server: numbers and the instant written culture-invariant (ISO 8601, UTC).</summary>
    public static string Row(LedgerItem i) => string.Create(CultureInfo.InvariantCulture,
        $"{i.Id},{i.TransactionId},{i.At:yyyy-MM-ddTHH:mm:ss.fffZ},{JsonNamingPolicy.CamelCase.ConvertName(i.Kind.ToString())},"
        + $"{i.Amount},{i.Currency},{Escape(i.Description)},{i.CommitSha},{i.CommitUrl},{i.BalanceAfter}");

    private static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? '"' + value.Replace("\"", "\"\"") + '"' : value;
}
