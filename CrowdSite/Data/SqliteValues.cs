using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CrowdSite.Data;

/// <summary>
/// Binds values to a raw SQLite statement exactly as Microsoft.Data.Sqlite stores them for EF Core, so a
/// bulk-inserted row reads back like one EF wrote: instants as "yyyy-MM-dd HH:mm:ss.FFFFFFF" text, dates
/// as "yyyy-MM-dd", GUIDs as upper-case text, booleans as 0/1. Other types are refused, never guessed.
/// </summary>
internal static class SqliteValues
{
    private static readonly HashSet<Type> Bindable =
    [
        typeof(string), typeof(long), typeof(int), typeof(short), typeof(byte), typeof(bool), typeof(double), typeof(float),
        typeof(DateTime), typeof(DateOnly), typeof(Guid),
    ];

    public static bool CanBind(Type type) => Bindable.Contains(type);

    public static void Bind(sqlite3 connection, sqlite3_stmt statement, int index, object? value) => Check(connection, value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        short number => raw.sqlite3_bind_int64(statement, index, number),
        byte number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double real when double.IsNaN(real) => throw new InvalidOperationException("NaN is not a value to store."),
        double real => raw.sqlite3_bind_double(statement, index, real),
        float real => raw.sqlite3_bind_double(statement, index, real),
        DateTime instant => raw.sqlite3_bind_text(statement, index, instant.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateOnly date => raw.sqlite3_bind_text(statement, index, date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
        Guid id => raw.sqlite3_bind_text(statement, index, id.ToString().ToUpperInvariant()),
        _ => throw new NotSupportedException($"A {value.GetType().Name} is not written by bulk inserts."),
    });

    /// <summary>Throws SQLite's error as Microsoft.Data.Sqlite would (so callers see the same codes, e.g. a unique key taken).</summary>
    public static void Check(sqlite3 connection, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(connection).utf8_to_string(), result, raw.sqlite3_extended_errcode(connection));
        }
    }
}
