using Microsoft.AspNetCore.Mvc;

namespace ServiceDefaults.Problems;

/// <summary>
/// Lets a building block that raises its own exceptions (the database's unique violations, Redis
/// being unreachable) say which problem each one is, so that the one exception handler stays the
/// only place that chooses a status.
/// </summary>
public interface IProblemMapper
{
    /// <summary>The problem for the exception, or null when it is not this mapper's.</summary>
    ProblemDetails? Map(Exception exception);
}
