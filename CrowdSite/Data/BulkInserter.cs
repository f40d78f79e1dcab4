using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace CrowdSite.Data;

/// <summary>
/// Inserts rows of one entity type with one prepared SQLite statement, inside the context's open transaction.
/// The ledger's hot path (a metering batch is 10,000 charges, each a transaction, two entries and the
/// charge) spends most of its time in the change tracker otherwise. Columns, conversions and the
/// generated key come from the EF model, so the statement follows the mapping and the migrations.
/// Rows are inserted, never updated: nothing here can touch a row already written.
/// </summary>
internal sealed class BulkInserter : IDisposable
{
    private readonly sqlite3 _connection;
    private readonly sqlite3_stmt _statement;
    private readonly Column[] _columns;
    private readonly PropertyInfo? _generatedKey;

    private BulkInserter(sqlite3 connection, sqlite3_stmt statement, Column[] columns, PropertyInfo? generatedKey)
    {
        (_connection, _statement, _columns, _generatedKey) = (connection, statement, columns, generatedKey);
    }

    /// <summary>True on an open SQLite connection inside a transaction, the one engine these statements are written for.</summary>
    public static bool CanWrite(DbContext db) => db.Database.GetDbConnection() is SqliteConnection;

    /// <summary>Sets <paramref name="entity"/>'s foreign key to <paramref name="parent"/> from the parent's (now known) key.</summary>
    public static void LinkToParent(DbContext db, object entity, object parent)
    {
        var entityType = db.Model.FindEntityType(entity.GetType()) ?? throw new InvalidOperationException($"{entity.GetType().Name} is not mapped.");
        var key = ParentKeyOf(entityType, parent.GetType());
        for (var i = 0; i < key.Properties.Count; i++)
        {
            var value = key.PrincipalKey.Properties[i].PropertyInfo!.GetValue(parent);
            key.Properties[i].PropertyInfo!.SetValue(entity, value);
        }
    }

    /// <summary>
    /// An inserter for <paramref name="clrType"/>. Foreign keys to <paramref name="parentType"/> are
    /// filled from the parent passed to <see cref="Insert"/> (its key is known only once it is inserted).
    /// </summary>
    public static BulkInserter Create(DbContext db, Type clrType, Type? parentType = null)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection { Handle: { } connection })
        {
            throw new NotSupportedException("Bulk inserts are written for an open SQLite connection (another server would use its own bulk path, e.g. COPY).");
        }

        _ = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Bulk inserts run inside the caller's database transaction.");
        var entityType = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties;
        var generated = key.Count == 1 && key[0].ValueGenerated == ValueGenerated.OnAdd ? key[0] : null;
        var parentKey = parentType is null ? null : ParentKeyOf(entityType, parentType);
        var columns = new List<Column>();
        foreach (var property in entityType.GetProperties().Where(p => p != generated))
        {
            if (property.PropertyInfo is null)
            {
                throw new NotSupportedException($"{clrType.Name}.{property.Name} is a shadow property; insert it through the change tracker.");
            }

            var mapping = property.GetRelationalTypeMapping();
            var provider = mapping.Converter?.ProviderClrType ?? property.ClrType;
            var stored = Nullable.GetUnderlyingType(provider) ?? provider;
            if (!SqliteValues.CanBind(stored))
            {
                throw new NotSupportedException($"{clrType.Name}.{property.Name} is stored as {stored.Name}, which bulk inserts do not write; insert it through the change tracker.");
            }

            var fromParent = parentKey is not null && parentKey.Properties.Contains(property)
                ? parentKey.PrincipalKey.Properties.Single().PropertyInfo
                : null;
            columns.Add(new Column(property.GetColumnName(table)!, property.PropertyInfo, property.GetGetter(), fromParent, mapping.Converter));
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var text =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))})";
        SqliteValues.Check(connection, raw.sqlite3_prepare_v2(connection, text, out var statement));
        return new BulkInserter(connection, statement, [.. columns], generated?.PropertyInfo);
    }

    /// <summary>Inserts one row and sets its generated key (and its keys to <paramref name="parent"/>) on the object.</summary>
    public void Insert(object entity, object? parent = null)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            if (column.FromParent is not null && parent is not null)
            {
                column.Property.SetValue(entity, column.FromParent.GetValue(parent));
            }

            var value = column.Getter.GetClrValue(entity);
            SqliteValues.Bind(_connection, _statement, i + 1, value is null ? null : column.Converter?.ConvertToProvider(value) ?? value);
        }

        // Straight to SQLite: Microsoft.Data.Sqlite looks every parameter up by name on every execution,
        // which cost more than the inserts themselves at 40,000 rows a batch.
        var step = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE)
        {
            SqliteValues.Check(_connection, step);
        }

        _generatedKey?.SetValue(entity, Convert.ChangeType(raw.sqlite3_last_insert_rowid(_connection), _generatedKey.PropertyType, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The one foreign key that ties a row to its parent: the only key to the parent's type, or the one a
    /// navigation uses (a donation's own transaction, not a refund transaction it merely mentions).
    /// </summary>
    private static IForeignKey ParentKeyOf(IEntityType entityType, Type parentType)
    {
        var keys = entityType.GetForeignKeys().Where(fk => fk.PrincipalEntityType.ClrType == parentType).ToList();
        if (keys.Count > 1)
        {
            keys = keys.Where(fk => fk.DependentToPrincipal is not null || fk.PrincipalToDependent is not null).ToList();
        }

        return keys.Count == 1
            ? keys[0]
            : throw new NotSupportedException($"{entityType.ClrType.Name} has {keys.Count} candidate keys to {parentType.Name}; say which one ties it to its parent.");
    }

    /// <summary>
    /// True when <paramref name="entity"/> can be inserted as one row: it has no shadow properties and
    /// refers to no object other than its parent (a related new row would need the change tracker's ordering).
    /// </summary>
    public static bool StandsAlone(DbContext db, object entity, Type parentType)
    {
        var entityType = db.Model.FindEntityType(entity.GetType());
        return entityType is not null
            && entityType.GetProperties().All(p => p.PropertyInfo is not null)
            && entityType.GetNavigations().All(n => n.TargetEntityType.ClrType == parentType || n.PropertyInfo?.GetValue(entity) switch
            {
                null => true,
                System.Collections.ICollection collection => collection.Count == 0,
                _ => false,
            });
    }

    public void Dispose() => _statement.Dispose();

    private sealed record Column(string Name, PropertyInfo Property, IClrPropertyGetter Getter, PropertyInfo? FromParent, ValueConverter? Converter);
}
