using SharedKernel.Errors;

namespace ServiceDefaults.Problems;

/// <summary>
/// A request the HTTP layer cannot take as sent (malformed, too large, without a precondition),
/// reported as RFC 9457 problem details by <see cref="ProblemDetailsExceptionHandler"/>. Rules of
/// the domain are <see cref="DomainException"/>s instead, which name no status.
/// </summary>
public class ApiException(int status, string code, string title, string detail,
    IDictionary<string, string[]>? errors = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Title { get; } = title;
    public IDictionary<string, string[]>? Errors { get; } = errors;
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

/// <summary>
/// A bearer token was sent but cannot be used (malformed, expired, signed by no trusted issuer):
/// 401 with <c>WWW-Authenticate: Bearer error="invalid_token"</c> (RFC 6750 §3.1), on every route,
/// public reads included, so a client with a stale token learns it instead of silently reading as
/// an anonymous caller.
/// </summary>
public sealed class InvalidTokenException()
    : ApiException(401, HttpErrorCodes.InvalidToken, "The access token is not valid",
        "The bearer token is malformed, expired, or not issued by a trusted issuer for this API. Get a new token and retry.");
