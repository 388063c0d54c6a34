namespace Plans.FunctionalTests;

/// <summary>
/// A test of what only PostgreSQL allows: replicas of a service on one database, writing at once
/// (a SQLite file belongs to one process, and deploy/run.sh refuses replicas without --postgres).
/// Skipped, and reported as skipped, when the suite runs on SQLite.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("TEST_POSTGRES") is null)
        {
            Skip = "Replicas writing at once need PostgreSQL (TEST_POSTGRES unset: this run is on SQLite).";
        }
    }
}
