using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Persistence.Data;

/// <summary>
/// Writes many rows with multi-row <c>INSERT … VALUES (…), (…)</c> statements, in the caller's
/// transaction, without tracking an entity per row. Tables and columns are the model's, and each
/// value is converted as the model stores it (a DateTimeOffset on SQLite is the number the SQLite
/// conventions make of it, an enum its name), so the rows read back as entities. The SQL, upserts
/// included (<c>ON CONFLICT … DO UPDATE</c>), is the same on SQLite 3.24 and later and on PostgreSQL.
/// </summary>
public static class BulkSql
{
    /// <summary>Rows per statement: far below either database's limit on parameters.</summary>
    private const int RowsPerStatement = 500;

    /// <summary>Inserts the entities, every property the model maps, without tracking them.</summary>
    public static Task InsertAsync<TEntity>(DbContext db, IReadOnlyCollection<TEntity> entities, CancellationToken ct) where TEntity : class
    {
        var properties = (db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model."))
            .GetProperties().ToList();
        var getters = properties.Select(p => p.GetGetter()).ToList();
        return WriteAsync<TEntity>(db, properties.Select(p => p.Name).ToList(), keyCount: 0, addUp: false,
            entities.Select(e => getters.Select(g => g.GetClrValueUsingContainingEntity(e)).ToArray()), ct);
    }

    /// <summary>Inserts the rows; each holds the values of <paramref name="columns"/>, in order.</summary>
    public static Task InsertAsync<TEntity>(DbContext db, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct) =>
        WriteAsync<TEntity>(db, columns, keyCount: 0, addUp: false, rows, ct);

    /// <summary>
    /// Inserts the rows, or where a row with the same <paramref name="keys"/> exists, overwrites its other
    /// columns with the new values (<paramref name="addUp"/> false) or adds the new values to them (true).
    /// Each row holds the values of the keys, then of the other columns; no two rows have the same keys.
    /// </summary>
    public static Task UpsertAsync<TEntity>(DbContext db, IReadOnlyList<string> keys, IReadOnlyList<string> others, bool addUp,
        IEnumerable<object?[]> rows, CancellationToken ct) =>
        WriteAsync<TEntity>(db, [.. keys, .. others], keys.Count, addUp, rows, ct);

    private static async Task WriteAsync<TEntity>(DbContext db, IReadOnlyList<string> propertyNames, int keyCount, bool addUp,
        IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var properties = propertyNames.Select(name => entity.FindProperty(name)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no property {name}.")).ToList();
        var columns = properties.Select(p => Quote(p.GetColumnName(store)!)).ToList();
        var head = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns)}) VALUES ";
        var tail = keyCount == 0
            ? ""
            : $" ON CONFLICT ({string.Join(", ", columns.Take(keyCount))}) DO UPDATE SET " + string.Join(", ", columns.Skip(keyCount)
                .Select(c => addUp ? $"{c} = {Quote(table)}.{c} + excluded.{c}" : $"{c} = excluded.{c}"));
        var factory = DbProviderFactories.GetFactory(db.Database.GetDbConnection())
            ?? throw new InvalidOperationException("The database connection names no provider factory.");
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder(head);
            var parameters = new List<DbParameter>(chunk.Length * properties.Count);
            for (var row = 0; row < chunk.Length; row++)
            {
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < properties.Count; column++)
                {
                    var parameter = factory.CreateParameter()!;
                    parameter.ParameterName = string.Create(CultureInfo.InvariantCulture, $"@p{parameters.Count}");
                    parameter.Value = Stored(properties[column], chunk[row][column]) ?? DBNull.Value;
                    parameters.Add(parameter);
                    sql.Append(column == 0 ? "" : ", ").Append(parameter.ParameterName);
                }

                sql.Append(')');
            }

            await db.Database.ExecuteSqlRawAsync(sql.Append(tail).ToString(), parameters, ct);
        }
    }

    private static object? Stored(IProperty property, object? value) =>
        value is null ? null : property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;

    private static string Quote(string identifier) => $"\"{identifier}\"";
}
