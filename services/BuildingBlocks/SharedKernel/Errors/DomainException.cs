namespace SharedKernel.Errors;

/// <summary>
/// A rule of the domain refused what was asked. Entities and handlers throw these; the one
/// exception handler of the web layer turns each kind into its status and problem details, so no
/// domain code names an HTTP status.
/// </summary>
public abstract class DomainException(string code, string title, string detail) : Exception(detail)
{
    /// <summary>The stable machine code clients branch on (<see cref="ErrorCodes"/> or a service's own).</summary>
    public string Code { get; } = code;

    public string Title { get; } = title;
}

/// <summary>What was named does not exist.</summary>
public sealed class NotFoundException(string resource, string key)
    : DomainException(ErrorCodes.NotFound, "Resource not found", $"{resource} '{key}' does not exist.");

/// <summary>The change conflicts with the current state (a duplicate, a published plan, an overlapping grant).</summary>
public sealed class ConflictException(string code, string detail)
    : DomainException(code, "Conflict with the current state", detail);

/// <summary>The caller may not do this here (outside its region, not its unit, lacking a scope for this record).</summary>
public sealed class ForbiddenException(string title, string detail)
    : DomainException(ErrorCodes.Forbidden, title, detail);

/// <summary>The caller must authenticate to see this (a draft plan asked for anonymously).</summary>
public sealed class AuthenticationRequiredException(string detail)
    : DomainException(ErrorCodes.Unauthorized, "Authentication required", detail);

/// <summary>What was sent was read, but breaks a rule; <see cref="Errors"/> says which, per field.</summary>
public sealed class RuleViolationException(IDictionary<string, string[]> errors)
    : DomainException(ErrorCodes.ValidationFailed, "One or more fields are invalid", "See 'errors' for the problem with each field.")
{
    public RuleViolationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Something this service depends on (another register, Redis) cannot be reached now; the caller may retry.</summary>
public class UnavailableException(string code, string title, string detail, Exception? inner = null)
    : DomainException(code, title, detail)
{
    public Exception? Cause { get; } = inner;
}
