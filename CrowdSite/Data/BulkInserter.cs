using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrowdSite.Data;

/// <summary>
/// Inserts rows of one entity type with one prepared statement, inside the context's open transaction.
/// The ledger's hot path (a metering batch is 10,000 charges, each a transaction, two entries and the
/// charge) spends most of its time in the change tracker otherwise. Columns, conversions and the
/// generated key come from the EF model, so the statement follows the mapping and the migrations.
/// Rows are inserted, never updated: nothing here can touch a row already written.
/// </summary>
internal sealed class BulkInserter : IDisposable
{
    private readonly DbCommand _command;
    private readonly Column[] _columns;
    private readonly PropertyInfo? _generatedKey;

    private BulkInserter(DbCommand command, Column[] columns, PropertyInfo? generatedKey)
    {
        _command = command;
        _columns = columns;
        _generatedKey = generatedKey;
    }

    /// <summary>
    /// An inserter for <paramref name="clrType"/>. Foreign keys to <paramref name="parentType"/> are
    /// filled from the parent passed to <see cref="Insert"/> (its key is known only once it is inserted).
    /// </summary>
    public static BulkInserter Create(DbContext db, Type clrType, Type? parentType = null)
    {
        var entityType = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties;
        var generated = key.Count == 1 && key[0].ValueGenerated == ValueGenerated.OnAdd ? key[0] : null;
        var connection = db.Database.GetDbConnection();
        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's database transaction.");

        var parentKey = parentType is null ? null : ParentKeyOf(entityType, parentType);
        var columns = new List<Column>();
        foreach (var property in entityType.GetProperties().Where(p => p != generated))
        {
            if (property.PropertyInfo is null)
            {
                throw new NotSupportedException($"{clrType.Name}.{property.Name} is a shadow property; insert it through the change tracker.");
            }

            var mapping = property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, "$p" + columns.Count, value: null, nullable: property.IsNullable);
            command.Parameters.Add(parameter);
            var fromParent = parentKey is not null && parentKey.Properties.Contains(property)
                ? parentKey.PrincipalKey.Properties.Single().PropertyInfo
                : null;
            columns.Add(new Column(property.GetColumnName(table)!, property.PropertyInfo, property.GetGetter(), fromParent, parameter, mapping.Converter));
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => c.Parameter.ParameterName))})" +
            (generated is null || connection is SqliteConnection ? "" : $" RETURNING {sql.DelimitIdentifier(generated.GetColumnName(table)!)}");
        command.Prepare();
        return new BulkInserter(command, [.. columns], generated?.PropertyInfo);
    }

    /// <summary>Inserts one row and sets its generated key (and its keys to <paramref name="parent"/>) on the object.</summary>
    public void Insert(object entity, object? parent = null)
    {
        foreach (var column in _columns)
        {
            if (column.FromParent is not null && parent is not null)
            {
                column.Property.SetValue(entity, column.FromParent.GetValue(parent));
            }

            var value = column.Getter.GetClrValue(entity);
            column.Parameter.Value = (value is null ? null : column.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
        }

        if (_generatedKey is null)
        {
            _command.ExecuteNonQuery();
            return;
        }

        // SQLite hands the new rowid over without a result set to read (a RETURNING reader costs more than the insert).
        var id = _command.Connection is SqliteConnection sqlite
            ? ExecuteAndGetRowId(sqlite)
            : _command.ExecuteScalar()!;
        _generatedKey.SetValue(entity, Convert.ChangeType(id, _generatedKey.PropertyType));
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

    private long ExecuteAndGetRowId(SqliteConnection connection)
    {
        _command.ExecuteNonQuery();
        return SQLitePCL.raw.sqlite3_last_insert_rowid(connection.Handle);
    }

    public void Dispose() => _command.Dispose();

    private sealed record Column(
        string Name, PropertyInfo Property, IClrPropertyGetter Getter, PropertyInfo? FromParent, DbParameter Parameter, ValueConverter? Converter);
}
