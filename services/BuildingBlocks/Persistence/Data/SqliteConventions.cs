using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Persistence;

/// <summary>
/// SQLite cannot compare or order DateTimeOffset stored as text; storing it as a sortable
/// number lets the same LINQ run on SQLite and PostgreSQL.
/// </summary>
public static class SqliteConventions
{
    public static void Apply(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configuration.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
