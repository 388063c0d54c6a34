using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace Persistence;

/// <summary>
/// What the database itself refuses: a row changed by another request since it was read (412), and
/// a second row with a key that must be unique, inserted by a concurrent request (409).
/// </summary>
internal sealed class DatabaseProblemMapper : IProblemMapper
{
    public ProblemDetails? Map(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => ProblemDetailsFactory.Create(412, ErrorCodes.PreconditionFailed, "The resource has changed",
            "Another request changed this resource first; read it again and reapply the change."),
        DbUpdateException db when UniqueViolation.IsUniqueViolation(db) => ProblemDetailsFactory.Create(409, ErrorCodes.AlreadyExists,
            "Conflict with the current state", "A resource with the same identifying key already exists."),
        _ => null,
    };
}
