using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrowdSite.Features.Ledger.Seals;

/// <summary>
/// The canonical serialization of a day of the ledger, which its seal hashes (documented in docs/books.md).
/// One line per transaction, in id order, each a JSON object with its entries (in id order) inside, keys in a
/// fixed order, no spaces, UTF-8 with non-ASCII characters as themselves, instants in UTC to the microsecond,
/// amounts as integers of minor units; every line ends with "\n". Project and commit are named by stable values
/// (the project's id, the commit's repository and SHA), so the lines of a day never change.
/// </summary>
public static class SealLines
{
    public const string NoSeal = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>A transaction with what its line needs: its commit (if any) and its entries.</summary>
    public sealed record Source(LedgerTransaction Transaction, string? CommitRepository, string? CommitSha);

    /// <summary>The day's lines, as the bytes the day hash covers.</summary>
    public static byte[] Write(IEnumerable<Source> transactions)
    {
        using var buffer = new MemoryStream();
        foreach (var source in transactions.OrderBy(s => s.Transaction.Id))
        {
            using (var json = new Utf8JsonWriter(buffer, Options))
            {
                WriteTransaction(json, source);
            }

            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    public static string DayHash(byte[] lines) => Convert.ToHexStringLower(SHA256.HashData(lines));

    /// <summary>SHA-256 over the previous seal's 32 bytes followed by the day hash's 32 bytes, as lower-case hex.</summary>
    public static string Chain(string previousSeal, string dayHash) =>
        Convert.ToHexStringLower(SHA256.HashData([.. Convert.FromHexString(previousSeal), .. Convert.FromHexString(dayHash)]));

    /// <summary>The day's net movement per account, accounts in ordinal order, as canonical JSON.</summary>
    public static string AccountSums(IEnumerable<LedgerEntry> entries)
    {
        var sums = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            sums[entry.Account] = checked(sums.GetValueOrDefault(entry.Account) + entry.Amount);
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            foreach (var (account, sum) in sums)
            {
                json.WriteNumber(account, sum);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>An instant as the lines write it: UTC, to the microsecond (what both engines store).</summary>
    public static string Instant(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteTransaction(Utf8JsonWriter json, Source source)
    {
        var t = source.Transaction;
        json.WriteStartObject();
        json.WriteNumber("id", t.Id);
        json.WriteString("at", Instant(t.At));
        json.WriteString("kind", Name(t.Kind));
        json.WriteString("key", t.IdempotencyKey);
        json.WriteString("currency", t.Currency);
        json.WriteString("description", t.Description);
        WriteNullable(json, "project", t.ProjectId);
        WriteCommit(json, source);
        json.WriteString("resource", t.Resource); // a null string is written as null

        json.WriteBoolean("recurring", t.Recurring);
        WriteNullable(json, "reverses", t.ReversesTransactionId);
        json.WriteStartArray("entries");
        foreach (var e in t.Entries.OrderBy(e => e.Id))
        {
            WriteEntry(json, e);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCommit(Utf8JsonWriter json, Source source)
    {
        if (source.CommitSha is { } sha)
        {
            json.WriteStartObject("commit");
            json.WriteString("repository", source.CommitRepository);
            json.WriteString("sha", sha);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("commit");
        }
    }

    private static void WriteEntry(Utf8JsonWriter json, LedgerEntry e)
    {
        json.WriteStartObject();
        json.WriteNumber("id", e.Id);
        json.WriteString("account", e.Account);
        json.WriteString("kind", Name(e.Kind));
        json.WriteString("countsAs", Name(e.CountsAs));
        json.WriteNumber("amount", e.Amount);
        json.WriteString("currency", e.Currency);
        json.WriteNumber("balanceAfter", e.BalanceAfter);
        WriteNullable(json, "reverses", e.ReversesEntryId);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Kinds in camelCase, as every enum in the API.</summary>
    private static string Name(LedgerKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
