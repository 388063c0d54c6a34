namespace EventBus.Tests;

/// <summary>
/// A test of a race only PostgreSQL lets happen: SQLite holds its write lock from the start of every write
/// transaction, so a second transaction cannot commit while a batch's is open. Skipped, and reported so, when the
/// suite runs on SQLite.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("TEST_POSTGRES") is null)
        {
            Skip = "Runs on PostgreSQL (TEST_POSTGRES): on SQLite, write transactions do not overlap.";
        }
    }
}
