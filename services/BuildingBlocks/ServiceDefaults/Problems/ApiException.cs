namespace ServiceDefaults.Problems;

/// <summary>
/// An error the caller caused or must know about, reported as RFC 9457 problem details
/// by <see cref="ProblemDetailsExceptionHandler"/>. Domain code throws these; endpoints never
/// build error responses by hand.
/// </summary>
public class ApiException(int status, string code, string title, string detail,
    IDictionary<string, string[]>? errors = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Title { get; } = title;
    public IDictionary<string, string[]>? Errors { get; } = errors;
}

public sealed class NotFoundException(string resource, string key)
    : ApiException(404, ErrorCodes.NotFound, "Resource not found", $"{resource} '{key}' does not exist.");

public sealed class ConflictException(string code, string detail)
    : ApiException(409, code, "Conflict with the current state", detail);

/// <summary>The request was read, but its content breaks the rules (HTTP 422).</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : ApiException(422, ErrorCodes.ValidationFailed, "One or more fields are invalid",
        "See 'errors' for the problem with each field.", errors)
{
    public RequestValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }
}

/// <summary>The request could not be read as sent (HTTP 400).</summary>
public sealed class BadRequestException(string code, string detail, IDictionary<string, string[]>? errors = null)
    : ApiException(400, code, "The request could not be read", detail, errors);

public sealed class PreconditionFailedException(string currentETag)
    : ApiException(412, ErrorCodes.PreconditionFailed, "The resource has changed",
        $"If-Match does not match the current version {currentETag}; read the resource again and reapply the change.");

public sealed class PreconditionRequiredException()
    : ApiException(428, ErrorCodes.PreconditionRequired, "If-Match is required",
        "Send the ETag from your last read in an If-Match header so that concurrent changes are not overwritten.");
