using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace CrowdSite.Data;

/// <summary>
/// PostgreSQL's bulk path for ledger rows: keys drawn from each table's identity sequence as one block, then
/// the rows written with binary COPY, inside the caller's transaction. Columns, conversions and store types come
/// from the EF model, as for SQLite's <see cref="BulkInserter"/>. Rows are inserted, never updated.
/// </summary>
internal static class PostgresCopy
{
    public static bool CanWrite(DbContext db) => db.Database.GetDbConnection() is NpgsqlConnection;

    /// <summary>
    /// Gives each row (all of one entity type) the next keys of its table's sequence, in order, as one block: the
    /// sequence moves once, by the row count (a nextval a row took a fifth of a 10,000-charge batch's time, measured
    /// by bench/ingest.sh --postgres). Only for tables that nothing but the ledger writes, under its lock: a nextval
    /// from elsewhere could land inside the block (it would then fail on the primary key, never go unseen).
    /// </summary>
    public static async Task AssignKeysAsync(DbContext db, IReadOnlyList<object> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var (entityType, table) = TableOf(db, rows[0].GetType());
        var keys = entityType.FindPrimaryKey()!.Properties;
        if (keys is not [{ ValueGenerated: ValueGenerated.OnAdd } key])
        {
            return; // a key the row carries itself
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var block = new NpgsqlCommand(
            "SELECT setval(pg_get_serial_sequence(@table, @column), nextval(pg_get_serial_sequence(@table, @column)) + @count - 1)", connection);
        block.Parameters.AddWithValue("table", Quote(table.Name));
        block.Parameters.AddWithValue("column", key.GetColumnName(table)!);
        block.Parameters.AddWithValue("count", (long)rows.Count);
        var first = (long)(await block.ExecuteScalarAsync(ct))! - rows.Count + 1;
        var property = key.PropertyInfo!;
        for (var i = 0; i < rows.Count; i++)
        {
            property.SetValue(rows[i], Convert.ChangeType(first + i, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Writes the rows (all of one entity type, keys set) with one binary COPY.</summary>
    public static async Task WriteAsync(DbContext db, IReadOnlyList<object> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var (entityType, table) = TableOf(db, rows[0].GetType());
        var columns = entityType.GetProperties().Select(p => new Column(
            p.GetColumnName(table)!,
            p.PropertyInfo ?? throw new NotSupportedException($"{entityType.ClrType.Name}.{p.Name} is a shadow property; insert it through the change tracker."),
            p.GetTypeMapping().Converter,
            StoreType(p.GetColumnType()))).ToArray();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var sql = $"COPY {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(sql, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.Property.GetValue(row);
                if (value is not null && column.Converter is not null)
                {
                    value = column.Converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await writer.WriteNullAsync(ct);
                }
                else
                {
                    await writer.WriteAsync(value, column.StoreType, ct);
                }
            }
        }

        await writer.CompleteAsync(ct);
    }

    private static (IEntityType EntityType, StoreObjectIdentifier Table) TableOf(DbContext db, Type clrType)
    {
        var entityType = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped.");
        return (entityType, StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema()));
    }

    /// <summary>"character varying(64)" is written as "character varying": COPY needs the type, not its length.</summary>
    private static string StoreType(string columnType) => columnType.Split('(')[0].Trim();

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private sealed record Column(string Name, PropertyInfo Property, ValueConverter? Converter, string StoreType);
}
