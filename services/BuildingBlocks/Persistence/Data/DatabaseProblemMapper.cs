using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace Persistence;

/// <summary>
/// What the database itself refuses: a row changed by another request since it was read (412), and
/// a second row with a key that must be unique, inserted by a concurrent request (409). A database that cannot answer
/// for now (a connection PostgreSQL ended or could not give, SQLite's file locked past the command's timeout) is
/// unavailable (503), not a fault of the service: the client may retry.
/// </summary>
internal sealed class DatabaseProblemMapper : IProblemMapper
{
    private const int SqliteBusy = 5, SqliteLocked = 6;

    public ProblemDetails? Map(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => ProblemDetailsFactory.Create(412, ErrorCodes.PreconditionFailed, "The resource has changed",
            "Another request changed this resource first; read it again and reapply the change."),
        DbUpdateException db when UniqueViolation.IsUniqueViolation(db) => ProblemDetailsFactory.Create(409, ErrorCodes.AlreadyExists,
            "Conflict with the current state", "A resource with the same identifying key already exists."),
        _ when Unavailable(exception) => ProblemDetailsFactory.Create(503, ErrorCodes.ServiceUnavailable, "Database unavailable",
            "The service's database cannot answer at the moment; retry the request in a few seconds."),
        _ => null,
    };

    /// <summary>Whether the exception, or one it wraps (EF Core wraps what it calls a transient failure), says so.</summary>
    private static bool Unavailable(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is NpgsqlException { IsTransient: true } or SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }

        return false;
    }
}
