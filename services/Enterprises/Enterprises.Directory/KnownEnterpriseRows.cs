using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Enterprises.Directory;

/// <summary>
/// Writes a directory row that two writers may bring at once (a look-up and the register's event): an
/// insert that leaves a row already there alone, which both SQLite and PostgreSQL take as written
/// (<c>ON CONFLICT … DO NOTHING</c>), so neither writer fails on the other's row.
/// </summary>
internal static class KnownEnterpriseRows
{
    /// <summary>Inserts the row unless one with its credit code exists; true when it was inserted.</summary>
    public static async Task<bool> InsertIfAbsentAsync(DbContext db, KnownEnterprise row, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(KnownEnterprise))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().ToList();
        string Column(IProperty property) => sql.DelimitIdentifier(property.GetColumnName(table)!);

        // Raw SQL bypasses the model's value converters (SQLite keeps a DateTimeOffset as a number): each value is converted here.
        var values = properties
            .Select(p => p.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(p.PropertyInfo!.GetValue(row)) : p.PropertyInfo!.GetValue(row))
            .ToArray();
        var key = entity.FindPrimaryKey()!.Properties.Select(Column);
        var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(Column))}) "
            + $"VALUES ({string.Join(", ", properties.Select((_, i) => $"{{{i}}}"))}) ON CONFLICT ({string.Join(", ", key)}) DO NOTHING";
        return await db.Database.ExecuteSqlRawAsync(insert, values!, ct) == 1;
    }
}
