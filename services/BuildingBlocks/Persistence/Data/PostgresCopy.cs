using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Persistence.Data;

/// <summary>
/// Binary COPY of entities into their table (or a table of the same columns) on PostgreSQL, for bulk
/// writes that SaveChanges would send a statement per row for. The columns and values come from the
/// context's model, as SaveChanges would write them; a key the database generates (an identity) is left
/// to the database, which numbers the rows in the order given. It runs on the context's connection, so
/// inside its current transaction.
/// </summary>
public static class PostgresCopy
{
    /// <summary>The columns COPY writes for <typeparamref name="T"/>: every mapped property but a generated key.</summary>
    public static IReadOnlyList<IProperty> Columns<T>(DbContext db) =>
        [.. db.Model.FindEntityType(typeof(T))!.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))];

    /// <summary>The table of <typeparamref name="T"/>, quoted.</summary>
    public static string Table<T>(DbContext db) => Quote(db.Model.FindEntityType(typeof(T))!.GetTableName()!);

    /// <summary>A column's name, quoted.</summary>
    public static string Column(IProperty property) => Quote(property.GetColumnName());

    /// <summary>
    /// Copies <paramref name="rows"/> into <paramref name="table"/> (the entity's own table when null). No rows send
    /// nothing: an empty COPY still costs a round trip (a batch of an import with no new enterprise, no audit record).
    /// </summary>
    public static async Task CopyAsync<T>(DbContext db, IEnumerable<T> rows, CancellationToken ct, string? table = null) where T : class
    {
        using var row = rows.GetEnumerator();
        if (!row.MoveNext())
        {
            return;
        }

        var columns = Columns<T>(db);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var command = $"COPY {table ?? Table<T>(db)} ({string.Join(", ", columns.Select(Column))}) FROM STDIN (FORMAT BINARY)";
        // Each column's getter and converter, looked up once per copy rather than once per value.
        var getters = columns.Select(c => c.GetGetter()).ToArray();
        var converters = columns.Select(c => c.GetTypeMapping().Converter).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(command, ct);
        do
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < getters.Length; i++)
            {
                var value = getters[i].GetClrValue(row.Current);
                if (converters[i] is { } converter && value is not null)
                {
                    value = converter.ConvertToProvider(value);
                }

                await WriteAsync(importer, value, ct);
            }
        }
        while (row.MoveNext());

        await importer.CompleteAsync(ct);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken ct) => value switch
    {
        null => importer.WriteNullAsync(ct),
        string text => importer.WriteAsync(text, NpgsqlDbType.Text, ct),
        DateOnly date => importer.WriteAsync(date, NpgsqlDbType.Date, ct),
        DateTimeOffset time => importer.WriteAsync(time.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct),
        long number => importer.WriteAsync(number, NpgsqlDbType.Bigint, ct),
        int number => importer.WriteAsync(number, NpgsqlDbType.Integer, ct),
        bool flag => importer.WriteAsync(flag, NpgsqlDbType.Boolean, ct),
        decimal amount => importer.WriteAsync(amount, NpgsqlDbType.Numeric, ct),
        Guid id => importer.WriteAsync(id, NpgsqlDbType.Uuid, ct),
        _ => throw new NotSupportedException($"COPY of a {value.GetType().Name} column is not written here; add its PostgreSQL type."),
    };

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
